import { lazy, Suspense, useState } from 'react';
import { useActions } from '../appContext.ts';

// The dialogs and everything they pull in (encoders, the PyTorch printer) load on first use.
const ShareDialog = lazy(() => import('./ShareDialog.tsx'));
const ExportDialog = lazy(() => import('../export/ExportDialog.tsx'));

type Open = 'share' | 'export' | null;

/** The top bar's Share and Export buttons and the dialog each opens. */
export function TopBarActions() {
  const actions = useActions();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <button type="button" onClick={() => setOpen('share')} aria-haspopup="dialog">
        Share
      </button>
      <button
        type="button"
        onClick={() => {
          // Exports show what is on screen: it holds still while the dialog is open.
          actions.pause();
          setOpen('export');
        }}
        aria-haspopup="dialog"
      >
        Export
      </button>
      <Suspense fallback={null}>
        {open === 'share' && <ShareDialog onClose={close} />}
        {open === 'export' && <ExportDialog onClose={close} />}
      </Suspense>
    </>
  );
}
