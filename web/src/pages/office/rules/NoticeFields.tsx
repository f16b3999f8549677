import { useId, useLayoutEffect, useRef, useState } from 'react';
import { LabelledField } from '../../../components/LabelledField';
import { useI18n } from '../../../lib/i18n';
import { insertAt, type NoticeText } from './notice-draft';
import type { NoticeCatalogueEntry } from './types';

type Field = 'title' | 'body';

/**
 * One notice's template in the editor: its title and body (the API's problems at each, by `fields`), the variables it
 * may use with what each holds — a button each, which types `{变量}` at the cursor of the title or body last in focus
 * (the body until then) and puts the focus back after it — and 「恢复默认」 for a notice the draft rewrote.
 */
export function NoticeFields({
  entry,
  text,
  rewritten,
  fields,
  onChange,
  onRestoreDefault,
}: {
  entry: NoticeCatalogueEntry;
  /** What the draft holds for the notice: its own template, or the built-in one. */
  text: NoticeText;
  rewritten: boolean;
  /** Where the API names each field's problems (`content.templates[2].body`); none when the notice was not sent. */
  fields: { title?: string; body?: string };
  onChange: (text: NoticeText) => void;
  onRestoreDefault: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const title = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const refs = { title, body };
  // Where a variable goes: the field last in focus, at its cursor; a field not yet in focus takes it at its end.
  const [target, setTarget] = useState<Field>('body');
  const placed = useRef<Record<Field, boolean>>({ title: false, body: false });
  // After an insertion: the focus back in the field, the cursor after what was inserted.
  const caret = useRef<{ field: Field; at: number } | null>(null);
  useLayoutEffect(() => {
    const c = caret.current;
    if (!c) return;
    caret.current = null;
    const el = refs[c.field].current;
    el?.focus();
    el?.setSelectionRange(c.at, c.at);
  });
  const insert = (name: string) => {
    const el = refs[target].current;
    const value = text[target];
    const [start, end] =
      el && placed.current[target]
        ? [el.selectionStart ?? value.length, el.selectionEnd ?? value.length]
        : [value.length, value.length];
    const next = insertAt(value, start, end, `{${name}}`);
    caret.current = { field: target, at: next.caret };
    onChange({ ...text, [target]: next.value });
  };
  const focus = (field: Field) => () => {
    setTarget(field);
    placed.current[field] = true;
  };
  return (
    <>
      <LabelledField label={t('nt.f.title')} field={fields.title} withItems>
        <input
          ref={title}
          value={text.title}
          onChange={(e) => onChange({ ...text, title: e.target.value })}
          onFocus={focus('title')}
        />
      </LabelledField>
      <LabelledField label={t('nt.f.body')} field={fields.body} withItems>
        <textarea
          ref={body}
          rows={6}
          value={text.body}
          onChange={(e) => onChange({ ...text, body: e.target.value })}
          onFocus={focus('body')}
        />
      </LabelledField>
      <section className="notice-variables" aria-labelledby={`${id}-vars`} data-testid="notice-variables">
        <h3 id={`${id}-vars`}>{t('nt.variables')}</h3>
        <p className="muted small" id={`${id}-vars-help`}>
          {t('nt.variablesHelp', { field: t(`nt.target.${target}`) })}
        </p>
        <ul>
          {entry.variables.map((v, i) => (
            <li key={v.name}>
              <button
                type="button"
                className="notice-variable"
                aria-describedby={`${id}-var-${i} ${id}-vars-help`}
                onClick={() => insert(v.name)}
              >
                {`{${v.name}}`}
              </button>
              <span id={`${id}-var-${i}`} className="small">
                {v.label}
                {entry.required.includes(v.name) && <strong className="notice-required">（{t('nt.required')}）</strong>}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {rewritten && (
        <div className="action-row">
          <button type="button" onClick={onRestoreDefault} aria-describedby={`${id}-restore`}>
            {t('nt.restoreDefault')}
          </button>
          <span className="muted small" id={`${id}-restore`}>
            {t('nt.restoreDefaultHelp')}
          </span>
        </div>
      )}
    </>
  );
}
