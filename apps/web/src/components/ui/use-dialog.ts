'use client';

import { useState } from 'react';

/**
 * Which of a page's dialogs is open, and with what. The last dialog's data is
 * kept after closing, so its content does not change while it fades out.
 */
export function useDialog<D extends { kind: string }>() {
  const [current, setCurrent] = useState<D | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    current,
    isOpen: (kind: D['kind']) => opened && current?.kind === kind,
    open: (dialog: D) => {
      setCurrent(dialog);
      setOpened(true);
    },
    close: () => setOpened(false),
  };
}
