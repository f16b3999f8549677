import { DataTable } from '../../components/DataTable';
import { addMessages } from '../../lib/i18n';
import office2 from '../../lib/messages/office2';

addMessages(office2);

/** A unit's case collaboration in a period: referrals, secondments and rotations answered on time of those due. */
export interface UnitCollaboration {
  unitId: string;
  unitName: string;
  referralsOnTime: number;
  referralsDue: number;
  secondmentsOnTime: number;
  secondmentsDue: number;
  rotationsOnTime: number;
  rotationsDue: number;
}

/** `on time/due`, or a dash when nothing was due. */
const ratio = (onTime: number, due: number) => (due === 0 ? '—' : `${onTime}/${due}`);

/** Case collaboration (协同办案) unit by unit, as the overview and the bulletin show it. */
export function CollaborationTable({ caption, rows }: { caption: string; rows: UnitCollaboration[] }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(u) => u.unitId}
      columns={[
        { key: 'unit', header: 'o2.unit', render: (u) => u.unitName },
        {
          key: 'referrals',
          header: 'o2.bulletins.referrals',
          render: (u) => ratio(u.referralsOnTime, u.referralsDue),
        },
        {
          key: 'secondments',
          header: 'o2.bulletins.secondments',
          render: (u) => ratio(u.secondmentsOnTime, u.secondmentsDue),
        },
        {
          key: 'rotations',
          header: 'o2.bulletins.rotations',
          render: (u) => ratio(u.rotationsOnTime, u.rotationsDue),
        },
      ]}
    />
  );
}
