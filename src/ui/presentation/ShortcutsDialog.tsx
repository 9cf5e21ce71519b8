import { ModalDialog } from '../common/ModalDialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** Every keyboard shortcut in one accessible dialog (opened with ? or the top bar's ? button). */
export default function ShortcutsDialog({ onClose }: { onClose(): void }) {
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog">
      <table className="shortcuts-table">
        <caption className="visually-hidden">Keys and what they do</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ keys, action }) => (
            <tr key={action}>
              <th scope="row">
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
