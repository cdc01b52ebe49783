// Dragging a placed seal or signature on the sealing page, as a user does with the mouse.
import type { Page } from 'playwright-core';

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
