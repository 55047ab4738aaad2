'use client';

import { useEffect, useRef } from 'react';

/**
 * A ref that takes the keyboard focus whenever `trigger` turns truthy or changes: a message that
 * appears after a failed submit is then read out and is where the keyboard continues (WCAG 3.3.1),
 * instead of focus staying on a button or falling to <body>. The element needs tabIndex={-1}.
 */
export function useFocusWhen<T extends HTMLElement>(trigger: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (trigger) ref.current?.focus();
  }, [trigger]);
  return ref;
}

/** After a render that marks fields invalid, moves the focus to the first of them. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
