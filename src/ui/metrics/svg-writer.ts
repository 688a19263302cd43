/**
 * Chart parts written straight to the SVG from each frame (the clock axis, the value axis, the
 * limit lines), reusing the elements already there from one frame to the next.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** recharts' tick size and tick margin, so the axes we draw read as the ones recharts drew. */
export const TICK_PX = 6;
export const LABEL_GAP_PX = 2;

export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** `group`'s child at `i`, made by `create` and appended when there is none yet. */
export function childAt<E extends SVGElement>(group: SVGGElement, i: number, create: () => E): E {
  const existing = group.children.item(i) as E | null;
  if (existing) return existing;
  const created = create();
  group.append(created);
  return created;
}

/** Drops `group`'s children beyond the first `count`. */
export function trimChildren(group: SVGGElement, count: number): void {
  while (group.childElementCount > count) group.lastElementChild?.remove();
}

/** Sets an attribute only when it differs: an SVG attribute write invalidates even when equal. */
export function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}
