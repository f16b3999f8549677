import type { Field } from '../../components/ActionForm';
import { TaskActionForm } from '../../components/TaskActionForm';
import type { Task } from '../../lib/types';

const FIELDS: Field[] = [{ name: 'text', label: 'task.commentText', kind: 'textarea', required: true }];

/** An opinion (意见) on a task, recorded in its timeline: units, leaders and the leadership group may give one. */
export function CommentPanel({ task, reload }: { task: Task; reload: () => void }) {
  if (task.state === 'ACCEPTED' || task.state === 'CANCELLED') return null;
  return (
    <section className="panel">
      <TaskActionForm
        task={task}
        verb="comments"
        testId="comment-form"
        name="task.comment"
        fields={FIELDS}
        onDone={reload}
        files
      />
    </section>
  );
}
