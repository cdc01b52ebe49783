// The sealing page as a user works it: 电子签章 → 输入 pin 码验证 → 选择印章, and dragging a
// placed seal or signature with the mouse.
import type { Page } from 'playwright-core';

/** On a freshly opened sealing page: 电子签章 → PIN → the seal `name` → 确定 (the seal lands mid-page). */
export async function pickSealWithPin(page: Page, pin: string, name = '公章'): Promise<void> {
  await page.getByTestId('seal-electronic').click();
  const dialog = page.getByRole('dialog', { name: '输入 pin 码验证' });
  await dialog.getByTestId('seal-pin').fill(pin);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  // the PIN is checked by the key before the picker opens: wait for that, not for a timeout
  await dialog.waitFor({ state: 'hidden' });
  const picker = page.getByRole('dialog', { name: '选择印章' });
  await picker.waitFor();
  await picker.locator(`[data-seal-name="${name}"]`).locator('.ant-typography').first().click();
  await picker.getByRole('button', { name: /确\s*定/ }).click();
  await picker.waitFor({ state: 'hidden' });
}

/** Drags the last draft on page `pageNumber` so that its centre lands on (x, y) points from the page's top-left. */
export async function dragLastDraftTo(page: Page, pageNumber: number, x: number, y: number, pageWidthPt = 595): Promise<void> {
  const sheet = page.locator(`.hall-seal-page[data-page="${pageNumber}"]`);
  const sheetBox = (await sheet.boundingBox())!;
  const scale = sheetBox.width / pageWidthPt;
  const box = (await sheet.locator('.hall-draft').last().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(sheetBox.x + x * scale, sheetBox.y + y * scale, { steps: 12 });
  await page.mouse.up();
}
