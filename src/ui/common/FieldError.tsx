/** The inline message beside a field whose value was refused; nothing while there is none. */
export function FieldError({ id, message }: { id?: string; message: string | null }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {message}
    </span>
  );
}
