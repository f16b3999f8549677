import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';
import { useNames } from '../lib/names';
import type { TimelineEntry } from '../lib/types';
import { Facts, type Fact } from './Facts';
import { Timeline } from './Timeline';

/**
 * One instance of a procedure — a task, a joint meeting, an inspection round, an accountability case — as every
 * such page shows it: a way back, its title and state badges, its facts, what belongs to it (`children`), the
 * actions the reader may take, its long description (`details`), and its timeline, oldest first.
 */
export function ProcedureView({
  className,
  back,
  title,
  badges,
  facts,
  details,
  actions = [],
  timeline,
  children,
}: {
  className?: string;
  back?: ReactNode;
  title: string;
  badges: ReactNode;
  facts: Parameters<typeof Facts>[0]['facts'];
  /** Long facts (a task's requirements and standard), after the actions: on a phone the actions come first. */
  details?: Parameters<typeof Facts>[0]['facts'];
  /** The action forms and panels the reader may use, each shown only when it applies. */
  actions?: ReactNode[];
  /** The timeline's entries, its heading's i18n key and the heading's id. */
  timeline: { entries: TimelineEntry[]; heading: string; id: string; kinds?: string };
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const names = useNames();
  return (
    <article className={className}>
      {back && <p>{back}</p>}
      <header className="task-head">
        <h1>{title}</h1>
        <div className="task-badges">{badges}</div>
      </header>
      <Facts facts={facts} />
      {children}
      {actions.map((a, i) => (
        <Fragment key={i}>{a}</Fragment>
      ))}
      {details && <Facts facts={details} />}
      <section aria-labelledby={timeline.id}>
        <h2 id={timeline.id}>{t(timeline.heading)}</h2>
        <Timeline entries={timeline.entries} names={names} kinds={timeline.kinds} />
      </section>
    </article>
  );
}

export type { Fact };
