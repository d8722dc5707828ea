/** The end of an editor form: its problems (each on a line, announced) and Cancel / Save. */
export function ErrorList({ errors }: { errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <ul class="issues inline-error" role="alert">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function EditorFormEnd({
  errors,
  onCancel,
  cancelLabel,
  saveLabel,
  saveHook,
}: {
  errors: readonly string[];
  onCancel: () => void;
  cancelLabel: string;
  saveLabel: string;
  /** `data-kg` of the save button. */
  saveHook: string;
}) {
  return (
    <>
      <ErrorList errors={errors} />
      <div class="row end">
        <button class="btn" type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button class="btn primary" type="submit" data-kg={saveHook}>
          {saveLabel}
        </button>
      </div>
    </>
  );
}
