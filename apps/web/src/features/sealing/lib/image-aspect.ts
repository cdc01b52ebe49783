/** An image's height / width once loaded (1 when it cannot be read), to size its box on the page. */
export function imageAspect(src: string): Promise<number> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img.naturalWidth ? img.naturalHeight / img.naturalWidth : 1);
    img.onerror = () => resolve(1);
    img.src = src;
  });
}
