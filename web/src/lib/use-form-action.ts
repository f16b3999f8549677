import { useAction } from './use-action';

export type Action = ReturnType<typeof useAction>;

/** A form's action (busy, its refusal) and its submit, which sends the form through the action. */
export interface FormAction extends Action {
  submit: () => Promise<void>;
}

/** The action of a FormPanel: `send` gets the action to run the API call with, and says what follows success. */
export function useFormAction(send: (action: Action) => Promise<unknown>): FormAction {
  const action = useAction();
  return {
    ...action,
    submit: async () => {
      await send(action);
    },
  };
}
