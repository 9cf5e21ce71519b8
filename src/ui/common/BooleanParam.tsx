import { useId } from 'react';
import { FieldError } from './FieldError.tsx';

/** A true/false argument (an optimizer's or a schedule's): a checkbox named by its torch name. */
export function BooleanParam({
  name,
  help,
  checked,
  error,
  onToggle,
}: {
  name: string;
  help: string | undefined;
  checked: boolean;
  /** Why the last toggle was refused, or null. */
  error: string | null;
  onToggle(checked: boolean): void;
}) {
  const id = useId();
  return (
    <div className="param param-boolean" title={help}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onToggle(event.currentTarget.checked)}
      />
      <label htmlFor={id}>
        <code>{name}</code>
      </label>
      <FieldError message={error} />
    </div>
  );
}
