import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../../../components/ErrorBox';
import { FormErrorContext, LabelledField } from '../../../components/LabelledField';
import { RowFieldsets } from '../../../components/RowFieldsets';
import { ApiError } from '../../../lib/api';
import { addMessages, useI18n } from '../../../lib/i18n';
import { useAction, useApi } from '../../../lib/queries';
import { ApplyChoice, TASK_APPLY } from './ApplyChoice';
import { DEFAULT_TYPE, fromDraft, toDraft, type DraftType } from './draft';
import { ImpactPreview, PreviewThenAct } from './ImpactPreview';
import { StaleBox } from './RulesFrame';
import { TypeFields } from './TypeFields';
import {
  TASK_POLICIES as RULES,
  type ApplyTo,
  type PolicyPreview,
  type Published,
  type RuleEditorProps,
  type TaskPolicyRules,
  type TaskType,
} from './types';
import rules from '../../../lib/messages/rules';

addMessages(rules);

/**
 * The editor of the organisation's own task types: a draft of the version in force, previewed (预览影响: the changes
 * and the running tasks they touch), then published for new tasks only or for the running ones too. Any edit after a
 * preview asks for a new one before publishing. The API checks everything and names each field it refuses.
 */
export function PolicyEditor({ rules, onPublished, onRestart }: RuleEditorProps<TaskPolicyRules>) {
  const { t } = useI18n();
  // The draft and the version it is based on are the ones in force when editing began, whatever a refresh says now.
  const [{ base, start }] = useState(() => ({ base: rules.version, start: rules.content.types.map(toDraft) }));
  const [rows, setRowsNow] = useState<DraftType[]>(start);
  const [reason, setReason] = useState('');
  const [template, setTemplate] = useState('');
  const [apply, setApply] = useState<ApplyTo>('NEW_ONLY');
  const [preview, setPreview] = useState<PolicyPreview | undefined>();
  const { busy, error, run } = useAction();
  const known = useApi<{ items: TaskType[] }>('/v1/task-types', { live: false }).value?.items ?? [];
  // A change of the draft makes the preview stale: publishing waits for a new one.
  const setRows = (next: DraftType[]) => {
    setRowsNow(next);
    setPreview(undefined);
  };
  const content = () => ({ types: rows.map(fromDraft) });
  const askPreview = async (e: FormEvent) => {
    e.preventDefault();
    setPreview((await run<PolicyPreview>('POST', `${RULES}/preview`, { content: content() })) ?? undefined);
  };
  const publish = async () => {
    // NEW_ONLY is the API's default: said only when the running tasks are to follow too.
    const body = { baseVersion: base, reason, content: content(), ...(apply === 'ALSO_RUNNING' ? { apply } : {}) };
    const done = await run<Published>('POST', RULES, body);
    if (done) onPublished(done);
  };
  const add = () => {
    const base = known.find((k) => k.type === template);
    setRows([...rows, toDraft(base ?? DEFAULT_TYPE)]);
  };
  const stale = error instanceof ApiError && error.status === 409;
  return (
    <form className="panel action-form" onSubmit={(e) => void askPreview(e)} noValidate data-testid="rules-editor">
      <h2>{t('rules.edit', { n: base })}</h2>
      <p className="muted small">{t('rules.editHelp')}</p>
      <FormErrorContext.Provider value={error}>
        <RowFieldsets
          rows={rows}
          setRows={setRows}
          blank={() => toDraft(DEFAULT_TYPE)}
          path="content.types"
          legend={(n) => rows[n - 1]?.name || t('rules.typeN', { n })}
          removeLabel={(n) => t('rules.removeType', { name: rows[n - 1]?.name || t('rules.typeN', { n }) })}
          addLabel={t('rules.addBlank')}
          testId={(n) => `rules-type-${rows[n - 1]?.type || n}`}
        >
          {(editor) => <TypeFields {...editor} />}
        </RowFieldsets>
        <div className="field-row rules-add">
          <LabelledField label={t('rules.template')} hint={t('rules.templateHint')}>
            <select value={template} onChange={(e) => setTemplate(e.target.value)}>
              <option value="">{t('rules.templatePick')}</option>
              {known.map((k) => (
                <option key={k.type} value={k.type}>
                  {k.name}（{k.type}）
                </option>
              ))}
            </select>
          </LabelledField>
          <div className="action-row">
            <button type="button" onClick={add} disabled={!template}>
              {t('rules.addCopy')}
            </button>
          </div>
        </div>
        <LabelledField label={t('rules.reason')} field="reason">
          <textarea rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} />
        </LabelledField>
      </FormErrorContext.Provider>
      <ErrorBox error={error} />
      {stale && <StaleBox onRestart={onRestart} />}
      <PreviewThenAct
        busy={busy}
        preview={
          preview && (
            <>
              <ImpactPreview
                title={t('rules.preview.title', { n: preview.basedOn })}
                changes={preview.changes}
                tasks={preview.tasks}
                total={preview.total}
              />
              <ApplyChoice options={TASK_APPLY} value={apply} onChange={setApply} />
            </>
          )
        }
        actLabel={t('rules.publish')}
        onAct={() => void publish()}
      />
    </form>
  );
}
