'use client';

import { Button, CopyButton } from '@mantine/core';

interface CopyValueButtonProps {
  value: string;
  label: string;
  copiedLabel: string;
  /** small, for a table row or a list; the default is a dialog's main button */
  compact?: boolean;
}

/** Copies a link, a message or a secret, and says so for a moment. */
export function CopyValueButton({ value, label, copiedLabel, compact = false }: CopyValueButtonProps) {
  return (
    <CopyButton value={value} timeout={compact ? undefined : 2500}>
      {({ copied, copy }) =>
        compact ? (
          <Button size="xs" variant={copied ? 'light' : 'default'} color={copied ? 'green' : undefined} onClick={copy}>
            {copied ? copiedLabel : label}
          </Button>
        ) : (
          <Button color={copied ? 'teal' : 'blue'} onClick={copy} miw={140}>
            {copied ? copiedLabel : label}
          </Button>
        )
      }
    </CopyButton>
  );
}
