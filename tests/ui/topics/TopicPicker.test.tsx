import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../../src/realtime';
import { applyEvents, createOperatorStore } from '../../../src/store';
import { createTopicChoiceStore } from '../../../src/store/topic-choice';
import { TopicChoiceProvider } from '../../../src/ui/topics/topic-choice-context';
import { TopicPicker } from '../../../src/ui/topics/TopicPicker';
import { memoryStorage } from '../../support/memory-storage';
import { renderDashboard } from '../../support/render';

const catalog: RealtimeEvent = {
  type: 'message',
  message: {
    type: 'catalog',
    seq: 1,
    metrics: [],
    topics: [
      { id: 'product:42', labels: { en: 'Product 42 line', ko: '제품 42 라인' }, default: true },
      { id: 'product:7', label: 'Product 7 line' },
    ],
  },
};

function renderPicker(locale: 'en' | 'ko' = 'en') {
  const choice = createTopicChoiceStore();
  const operator = createOperatorStore();
  operator.getState().setPrefs({ locale });
  const view = renderDashboard(
    <TopicChoiceProvider store={choice}>
      <TopicPicker />
    </TopicChoiceProvider>,
    { operator },
  );
  return { ...view, choice };
}

const topic = (id: string) => document.querySelector(`[data-topic="${id}"]`) as HTMLElement;

describe('topics picker', () => {
  it('shows nothing when the backend offers no topics (v1)', () => {
    renderPicker();
    expect(screen.queryByRole('group', { name: 'Topics' })).toBeNull();
  });

  it("lists the catalogue's topics with default ones pressed", () => {
    const { store } = renderPicker();
    act(() => applyEvents(store, [catalog], null));
    expect(screen.getByRole('group', { name: 'Topics' })).toBeTruthy();
    expect(topic('product:42')).toHaveAttribute('aria-pressed', 'true');
    expect(topic('product:42')).toHaveTextContent('Product 42 line');
    expect(topic('product:7')).toHaveAttribute('aria-pressed', 'false');
  });

  it('records the choice when a topic is pressed and when it is cleared', () => {
    const { store, choice } = renderPicker();
    act(() => applyEvents(store, [catalog], null));
    fireEvent.click(topic('product:7'));
    expect(topic('product:7')).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(topic('product:42'));
    expect(topic('product:42')).toHaveAttribute('aria-pressed', 'false');
    expect([...choice.getState().chosen]).toEqual([
      ['product:7', true],
      ['product:42', false],
    ]);
  });

  it('follows a choice another tab made on the same backend', () => {
    const storage = memoryStorage();
    const choice = createTopicChoiceStore({ storage, key: 'pulseboard:topics:x' });
    const { store } = renderDashboard(
      <TopicChoiceProvider store={choice}>
        <TopicPicker />
      </TopicChoiceProvider>,
    );
    act(() => applyEvents(store, [catalog], null));
    createTopicChoiceStore({ storage, key: 'pulseboard:topics:x' })
      .getState()
      .choose('product:7', true);
    expect(topic('product:7')).toHaveAttribute('aria-pressed', 'false');
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'pulseboard:topics:x' }));
    });
    expect(topic('product:7')).toHaveAttribute('aria-pressed', 'true');
  });

  it('names topics in Korean', () => {
    const { store } = renderPicker('ko');
    act(() => applyEvents(store, [catalog], null));
    expect(screen.getByRole('group', { name: '토픽' })).toBeTruthy();
    expect(topic('product:42')).toHaveTextContent('제품 42 라인');
    // No Korean label from the server: its plain label.
    expect(topic('product:7')).toHaveTextContent('Product 7 line');
  });
});
