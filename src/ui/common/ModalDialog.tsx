import { useEffect, useId, useRef, type ReactNode } from 'react';
import './modal.css';

interface ModalDialogProps {
  title: string;
  onClose(): void;
  className?: string;
  children: ReactNode;
}

/**
 * A native modal `<dialog>` (showModal: focus is trapped, the page behind is inert, Escape closes),
 * labelled by its heading. Focus starts on the element marked `data-autofocus`, if any. Mounting
 * opens it; `onClose` should unmount it, which returns focus to the element that opened it. Keys
 * pressed inside never reach the app's shortcuts.
 */
export function ModalDialog({ title, onClose, className, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    // showModal focuses the first control (the close button); a dialog may name a better one.
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      element.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {/* A div, not a header: a header outside any landmark would be a second page banner. */}
      <div className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="small-button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {children}
    </dialog>
  );
}
