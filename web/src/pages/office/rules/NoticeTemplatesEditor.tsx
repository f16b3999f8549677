import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { ApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/queries';
import { NoticeCatalogue } from './NoticeCatalogue';
import {
  draftChanges,
  fieldOf,
  fromNoticeDraft,
  problemsByKind,
  textOf,
  toNoticeDraft,
  type NoticeDraft,
  type NoticeProblem,
  type NoticeText,
} from './notice-draft';
import { NoticeFields } from './NoticeFields';
import { NoticePreview, type ShownNotice } from './NoticePreview';
import { StaleBox } from './RulesFrame';
import {
  NOTICE_TEMPLATES,
  type NoticeCatalogueEntry,
  type NoticeTemplateRules,
  type NoticeTemplatesPreview,
  type PublishedVersion,
  type RuleEditorProps,
} from './types';

/** The last request of the editor: which it was, and the notices it sent in order (to place the API's problems). */
interface Sent {
  by: 'preview' | 'publish';
  kinds: string[];
}

/**
 * The editor of the notice templates (通知模板): the catalogue of notices, the one chosen with its title, body and
 * variables, its preview (预览) with sample values or a task's facts, and publishing the draft — every notice the
 * office rewrote — with a reason. The API checks everything; a refusal shows at each notice's fields (the draft may
 * hold several: each is marked in the catalogue), a 409 offers to start again from the version in force.
 */
export function NoticeTemplatesEditor({
  rules,
  selected,
  onSelect,
  onPublished,
  onRestart,
}: RuleEditorProps<NoticeTemplateRules> & {
  /** The notice being edited (kept by the page across a publish). */
  selected: string;
  onSelect: (kind: string) => void;
}) {
  const { t } = useI18n();
  const { catalogue } = rules;
  const [base] = useState(rules.version);
  const [inForce] = useState(() => toNoticeDraft(rules.content));
  const [draft, setDraftNow] = useState<NoticeDraft>(inForce);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<ShownNotice | undefined>();
  const [sent, setSent] = useState<Sent | undefined>();
  const previewing = useAction();
  const publishing = useAction();
  const error = sent?.by === 'preview' ? previewing.error : sent?.by === 'publish' ? publishing.error : undefined;
  // The problems of the notices still rewritten (one restored to its default has none).
  const problems = problemsByKind(error, sent?.kinds ?? []);
  for (const kind of [...problems.keys()]) if (draft[kind] === undefined) problems.delete(kind);

  const entry = catalogue.find((c) => c.kind === selected) ?? catalogue[0]!;
  const rewritten = draft[entry.kind] !== undefined;
  const at = (field: 'title' | 'body') => (rewritten ? fieldOf(sent?.kinds ?? [], entry.kind, field) : undefined);

  // A change of the draft or of the notice makes the preview stale.
  const setDraft = (next: NoticeDraft) => {
    setDraftNow(next);
    setShown(undefined);
  };
  const setText = (text: NoticeText) => setDraft({ ...draft, [entry.kind]: text });
  const restoreDefault = () => setDraft(Object.fromEntries(Object.entries(draft).filter(([k]) => k !== entry.kind)));
  const select = (kind: string) => {
    onSelect(kind);
    setShown(undefined);
  };
  const content = () => fromNoticeDraft(draft, catalogue);

  const preview = async (taskId: string) => {
    const body = { content: content(), kind: entry.kind, ...(taskId ? { taskId } : {}) };
    setSent({ by: 'preview', kinds: body.content.templates.map((x) => x.kind) });
    setShown(undefined);
    const done = await previewing.run<NoticeTemplatesPreview>('POST', `${NOTICE_TEMPLATES}/preview`, body);
    const notice = done?.notices.find((n) => n.kind === entry.kind);
    if (done && notice) setShown({ notice, taskId: done.taskId });
  };
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    const body = { baseVersion: base, reason, content: content() };
    setSent({ by: 'publish', kinds: body.content.templates.map((x) => x.kind) });
    const done = await publishing.run<PublishedVersion>('POST', NOTICE_TEMPLATES, body);
    if (done) onPublished(done);
  };

  const refusal = (
    <Refusal error={error} problems={problems} catalogue={catalogue} onGoTo={select} onRestart={onRestart} />
  );
  const changes = draftChanges(inForce, draft, catalogue);
  const nameOf = (kind: string) => catalogue.find((c) => c.kind === kind)?.name ?? kind;
  return (
    <>
      <div className="notice-templates">
        <NoticeCatalogue
          catalogue={catalogue}
          draft={draft}
          inForce={inForce}
          withProblems={new Set(problems.keys())}
          selected={entry.kind}
          onSelect={select}
        />
        <section
          className="panel action-form notice-editor"
          aria-labelledby="notice-editor-title"
          data-testid="notice-editor"
          data-kind={entry.kind}
        >
          <h2 id="notice-editor-title">{t('nt.editing', { name: entry.name })}</h2>
          <p className="muted small">{t(rewritten ? 'nt.isRewritten' : 'nt.isDefault')}</p>
          <FormErrorContext.Provider value={error}>
            <NoticeFields
              key={entry.kind}
              entry={entry}
              text={textOf(draft, entry)}
              rewritten={rewritten}
              fields={{ title: at('title'), body: at('body') }}
              onChange={setText}
              onRestoreDefault={restoreDefault}
            />
          </FormErrorContext.Provider>
          <NoticePreview
            shown={shown}
            busy={previewing.busy}
            error={sent?.by === 'preview' ? previewing.error : undefined}
            onAsk={preview}
          >
            {sent?.by === 'preview' && refusal}
          </NoticePreview>
        </section>
      </div>
      <form className="panel action-form" onSubmit={(e) => void publish(e)} noValidate data-testid="notice-publish">
        <h2>{t('nt.publish', { n: base })}</h2>
        <p className="muted small">{t('nt.publishHelp')}</p>
        <div data-testid="notice-changes">
          {changes.length > 0 ? (
            <>
              <p>{t('nt.changes')}</p>
              <ul className="plain-list">
                {changes.map((c) => (
                  <li key={c.kind}>{t(`nt.change.${c.change}`, { name: nameOf(c.kind) })}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">{t('nt.noChanges')}</p>
          )}
        </div>
        <FormErrorContext.Provider value={sent?.by === 'publish' ? publishing.error : undefined}>
          <LabelledField label={t('rules.reason')} field="reason">
            <textarea rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
          </LabelledField>
        </FormErrorContext.Provider>
        {sent?.by === 'publish' && refusal}
        <div className="action-row">
          <button type="submit" className="primary" disabled={publishing.busy}>
            {t('rules.publish')}
          </button>
        </div>
      </form>
    </>
  );
}

/**
 * Why the API refused the draft: a 409 (another version published meanwhile) offers to start again; problems of the
 * notices' templates are listed notice by notice, each with a way to it (its fields show them too); anything else is
 * the error box.
 */
function Refusal({
  error,
  problems,
  catalogue,
  onGoTo,
  onRestart,
}: {
  error: unknown;
  problems: Map<string, NoticeProblem[]>;
  catalogue: readonly NoticeCatalogueEntry[];
  onGoTo: (kind: string) => void;
  onRestart: () => void;
}) {
  const { t } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 409) return <StaleBox onRestart={onRestart} />;
  if (problems.size === 0) return <ErrorBox error={error} />;
  const field = (f: string) => (f === 'title' ? t('nt.f.title') : f === 'body' ? t('nt.f.body') : '');
  return (
    <div className="error-box" role="alert" data-testid="notice-problems">
      <p>{t('nt.problems', { n: problems.size })}</p>
      <ul>
        {catalogue
          .filter((c) => problems.has(c.kind))
          .map((c) => (
            <li key={c.kind} data-kind={c.kind}>
              <button type="button" className="link-button" onClick={() => onGoTo(c.kind)}>
                {t('nt.goTo', { name: c.name })}
              </button>
              <ul>
                {problems.get(c.kind)!.map((p, i) => (
                  <li key={i}>
                    {field(p.field) && `${field(p.field)}：`}
                    {p.message}
                  </li>
                ))}
              </ul>
            </li>
          ))}
      </ul>
    </div>
  );
}
