import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { FormErrorContext, InputField, LabelledField } from '../../../components/LabelledField';
import { api, ApiError } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import calendar from '../../../lib/messages/calendar';
import rules from '../../../lib/messages/rules';
import { useAction } from '../../../lib/queries';
import { formatDateTime } from '../../../lib/time';
import { fromCalendarDraft, toCalendarDraft, type CalendarDraft } from './calendar-draft';
import { ImpactPreview, PreviewThenAct } from './ImpactPreview';
import { RulesFrame } from './RulesFrame';
import type { CalendarLoaded, CalendarPreview, CalendarYear } from './types';
import './rules.css';

addMessages(rules, calendar);

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

/**
 * 工作日历 (issue 22): the organisation's own working-day table of a year — read the one in force as a start, change
 * its days off and make-up workdays (one a line), preview what it would move (预览影响: the running tasks whose
 * deadline or timers would move, and what would fall due at once), then load it. The API checks every date.
 */
export function CalendarPage() {
  const { t, lang } = useI18n();
  const [draft, setDraftNow] = useState<CalendarDraft>({
    year: String(thisYear()),
    source: '',
    holidays: '',
    workdays: '',
  });
  const [current, setCurrent] = useState<CalendarYear | null | undefined>();
  const [preview, setPreview] = useState<CalendarPreview | undefined>();
  const [loaded, setLoaded] = useState<CalendarLoaded | undefined>();
  const [readError, setReadError] = useState<unknown>();
  const { busy, error, run } = useAction();
  // A change of the table makes the preview stale: loading waits for a new one.
  const setDraft = (next: CalendarDraft) => {
    setDraftNow(next);
    setPreview(undefined);
  };
  const bind = (name: keyof CalendarDraft) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const path = `/v1/calendar/${encodeURIComponent(draft.year.trim())}`;
  const read = async () => {
    setReadError(undefined);
    setLoaded(undefined);
    try {
      const found = await api<CalendarYear>('GET', path);
      setCurrent(found);
      setDraft(toCalendarDraft(found));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setCurrent(null);
      else setReadError(e);
    }
  };
  const askPreview = async (e: FormEvent) => {
    e.preventDefault();
    setLoaded(undefined);
    setPreview((await run<CalendarPreview>('POST', `${path}/preview`, fromCalendarDraft(draft))) ?? undefined);
  };
  const load = async () => {
    const done = await run<CalendarLoaded>('PUT', path, fromCalendarDraft(draft));
    if (done) {
      setLoaded(done);
      setPreview(undefined);
    }
  };
  return (
    <RulesFrame title="cal.title" intro="cal.intro">
      <div role="status" data-testid="calendar-loaded">
        {loaded && (
          <p className="ok-box">
            {t('cal.loaded', { year: loaded.year, holidays: loaded.holidays, workdays: loaded.workdays })}
            {loaded.changed ? t('cal.signalled', { n: loaded.signalled }) : t('cal.unchanged')}
          </p>
        )}
      </div>
      <form className="panel action-form" onSubmit={(e) => void askPreview(e)} noValidate data-testid="calendar-form">
        <h2>{t('cal.edit')}</h2>
        <FormErrorContext.Provider value={error}>
          <div className="field-row rules-add">
            <InputField label={t('cal.year')} field="year" type="number" inputMode="numeric" {...bind('year')} />
            <div className="action-row">
              <button type="button" onClick={() => void read()}>
                {t('cal.read')}
              </button>
            </div>
          </div>
          <ErrorBox error={readError} />
          <div aria-live="polite" data-testid="calendar-current">
            {current === null && <p className="muted small">{t('cal.none', { year: draft.year })}</p>}
            {current && (
              <p className="muted small">
                {t(`cal.current.${current.scope}`, {
                  year: current.year,
                  source: current.source,
                  at: formatDateTime(current.loadedAt, lang),
                })}
              </p>
            )}
          </div>
          <InputField label={t('cal.source')} hint={t('cal.sourceHint')} field="source" {...bind('source')} />
          <div className="field-row">
            <LabelledField label={t('cal.holidays')} hint={t('cal.daysHint')} field="holidays" withItems>
              <textarea rows={10} {...bind('holidays')} />
            </LabelledField>
            <LabelledField label={t('cal.workdays')} hint={t('cal.workdaysHint')} field="workdays" withItems>
              <textarea rows={10} {...bind('workdays')} />
            </LabelledField>
          </div>
        </FormErrorContext.Provider>
        <ErrorBox error={error} />
        <PreviewThenAct
          busy={busy}
          preview={
            preview && (
              <ImpactPreview
                title={t('cal.previewTitle', { year: preview.year })}
                tasks={preview.tasks}
                total={preview.total}
                firesHeader="cal.fires"
              />
            )
          }
          actLabel={t('cal.load', { year: preview?.year ?? draft.year })}
          onAct={() => void load()}
        />
      </form>
    </RulesFrame>
  );
}
