'use client';

import { Button } from '@mantine/core';

/** Opens the browser's print dialog for the letters. */
export function PrintButton({ label }: { label: string }) {
  return <Button onClick={() => window.print()}>{label}</Button>;
}
