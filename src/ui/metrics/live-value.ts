import { useLayoutEffect, type RefObject } from 'react';
import type { Locale } from '../../store';
import { formatNumber } from '../i18n/format';
import type { Messages } from '../i18n/messages';
import { directionOf, shownChange, signed, trendLabel } from './chart-summary';
import type { FrameFeed } from './frame-feed';
import type { PanelFrame } from './panel-frame';

export type LiveTextContext = {
  t: Messages;
  locale: Locale;
  windowMs: number;
  unit: string | undefined;
};

const ARROWS = { up: '▲', down: '▼', flat: '▬' } as const;
/** What each trend element shows now, so an unchanged frame touches nothing. */
const shown = new WeakMap<Element, string>();

/**
 * The panel's number and trend, written from each frame straight to their elements: they change
 * with every redraw (a few times a second), and a React render of the panel for each would cost
 * a commit per chart per redraw. The text is set as text, never markup.
 */
export function useLiveValue(
  feed: FrameFeed<PanelFrame>,
  numberRef: RefObject<HTMLElement | null>,
  trendRef: RefObject<HTMLElement | null>,
  { t, locale, windowMs, unit }: LiveTextContext,
): void {
  useLayoutEffect(() => {
    const write = (frame: PanelFrame) => {
      if (numberRef.current) writeNumber(numberRef.current, frame, locale);
      if (trendRef.current) writeTrend(trendRef.current, frame, { t, locale, windowMs, unit });
    };
    write(feed.get());
    return feed.subscribe(write);
  }, [feed, numberRef, trendRef, t, locale, windowMs, unit]);
}

export function writeNumber(element: HTMLElement, frame: PanelFrame, locale: Locale): void {
  const text = frame.current ? formatNumber(frame.current.value, locale, frame.decimals) : '–';
  setText(element, text);
}

/**
 * `element`'s text as `text`, changing its one text node in place where it has one: a new node
 * at every redraw (`textContent =`) is a node removed and one inserted, and the page rebuilds
 * and restyles that part of its layout tree several times a second per panel.
 */
function setText(element: Element, text: string): void {
  const only = element.firstChild;
  if (only && only === element.lastChild && only.nodeType === only.TEXT_NODE) {
    if ((only as Text).data !== text) (only as Text).data = text;
  } else if (element.textContent !== text) element.textContent = text;
}

/** "▲ +0.3 °C vs 15 min ago", with `data-trend` = up | down | flat; or "no trend yet". */
export function writeTrend(element: HTMLElement, frame: PanelFrame, context: LiveTextContext) {
  const { t, locale, windowMs, unit } = context;
  const { current, start, decimals } = frame;
  let direction: keyof typeof ARROWS | null = null;
  let text = t.noTrend;
  if (current && start && current.ts !== start.ts) {
    const delta = shownChange(current.value - start.value, decimals);
    direction = directionOf(delta);
    // Less history than the window: say what the trend is really measured against.
    const against = current.ts - start.ts < windowMs * 0.95;
    text =
      ` ${signed(delta, locale, decimals)}${unit ? ` ${unit}` : ''} ` +
      trendLabel(t, against, start.ts, windowMs, locale);
  }
  const key = `${direction ?? ''}|${text}`;
  if (shown.get(element) === key) return;
  shown.set(element, key);
  element.className = direction ? `panel__trend panel__trend--${direction}` : 'panel__trend';
  if (direction) element.dataset.trend = direction;
  else delete element.dataset.trend;
  // An arrow (hidden from screen readers, which read the words) and the words, each kept and
  // changed in place from one redraw to the next.
  let arrow = element.firstElementChild;
  if (direction) {
    if (!arrow) {
      arrow = element.ownerDocument.createElement('span');
      arrow.setAttribute('aria-hidden', 'true');
      element.prepend(arrow);
    }
    setText(arrow, ARROWS[direction]);
  } else arrow?.remove();
  const words = element.lastChild;
  if (words && words !== arrow && words.nodeType === words.TEXT_NODE) {
    if ((words as Text).data !== text) (words as Text).data = text;
  } else element.append(text);
}
