import { RELEVANCE_EVENT } from '../../src/ui/shared/near-view';

/**
 * What the browser sends an element styled `content-visibility: auto` when it starts (`skipped`
 * false) or stops being near the view; jsdom sends nothing, so tests send it.
 */
export function sendRelevance(element: Element, skipped: boolean): void {
  element.dispatchEvent(Object.assign(new Event(RELEVANCE_EVENT), { skipped }));
}
