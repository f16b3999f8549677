import type { ReactNode } from 'react';

/** One fact of a record: its label and value; `prose` keeps the value's line breaks. */
export interface Fact {
  label: string;
  value: ReactNode;
  prose?: boolean;
  testId?: string;
}

/** A record's facts as a definition list (label beside value; one under the other on a phone). Falsy entries are left out. */
export function Facts({ facts }: { facts: (Fact | false | null | undefined | '')[] }) {
  return (
    <dl className="facts">
      {facts.map(
        (f) =>
          f && [
            <dt key={`${f.label}-dt`}>{f.label}</dt>,
            <dd key={`${f.label}-dd`} className={f.prose ? 'prose' : undefined} data-testid={f.testId}>
              {f.value}
            </dd>,
          ],
      )}
    </dl>
  );
}
