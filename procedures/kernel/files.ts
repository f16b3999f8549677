import type { Step } from './machine';

/** A file given with an action (佐证材料): uploaded to what it belongs to beforehand, bound to the step that records it. */
export interface AttachedFile {
  id: string;
  fileName: string;
}

/**
 * A step with the files given with its action (issue 21 item 1), for every procedure alike: its text names them, its
 * audit row keeps their ids, its entry lists them, and recording the step binds them to it. No files: the step as it
 * was, so that a history recorded before files were given replays the same step.
 */
export function withFilesOn<S extends Step>(step: S, files: readonly AttachedFile[] | undefined): S {
  if (!files?.length) return step;
  const names = files.map((f) => `《${f.fileName}》`).join('、');
  return {
    ...step,
    message: `${step.message}（附佐证材料${files.length}件：${names}）`,
    payload: { ...(step.payload as object | undefined), attachmentIds: files.map((f) => f.id) },
    attachments: files.map(({ id, fileName }) => ({ id, fileName })),
  };
}
