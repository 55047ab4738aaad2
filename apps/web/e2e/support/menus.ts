import { expect, type Locator } from '@playwright/test';

/**
 * Opens a menu by clicking its button and returns that menu: the one the button
 * controls, not another that is still fading out after the last choice (both
 * are in the page for a moment, with items of the same names).
 */
export async function openMenu(button: Locator): Promise<Locator> {
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const id = await button.getAttribute('aria-controls');
  expect(id).toBeTruthy();
  const menu = button.page().locator(`[id="${id}"]`);
  await expect(menu).toBeVisible();
  return menu;
}

/** Opens the menu of `button` and chooses the item named `item` in it. */
export async function chooseInMenu(button: Locator, item: string): Promise<void> {
  const menu = await openMenu(button);
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
}
