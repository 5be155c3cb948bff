/**
 * Charts as files: SVG (the chart's own markup, minus the interactive layers) and PNG (that
 * SVG drawn onto a canvas at twice the size). Charts carry resolved colours, not CSS
 * variables, so the file looks like the page.
 */

const INTERACTIVE = ['g.tooltip', 'line.hover-line', 'rect.overlay'];

/** A standalone copy of a chart without its tooltip, hover line and pointer overlay. */
export function exportableClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const selector of INTERACTIVE) clone.querySelectorAll(selector).forEach((node) => node.remove());
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.removeAttribute('tabindex');
  return clone;
}

export function svgMarkup(svg: SVGSVGElement): string {
  const markup = new XMLSerializer().serializeToString(exportableClone(svg));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n`;
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
