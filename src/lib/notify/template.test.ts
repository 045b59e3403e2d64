import { describe, expect, it } from 'vitest';
import { planNotificationBatches } from './send';
import {
  TEMPLATES,
  defaultTemplateFor,
  fillTemplate,
  placeholderValues,
  renderFor,
  unknownPlaceholders,
  validateTemplate,
  type NotifyRecipient,
} from './template';

const atRisk: NotifyRecipient = {
  username: 'jdoe',
  fullName: 'Jane Doe',
  limit: { kind: 'capped', assigned: 200, available: 30, used: 170 },
};
const out: NotifyRecipient = {
  username: 'bob',
  fullName: 'Bob Stone',
  firstName: 'Bobby',
  limit: { kind: 'capped', assigned: 50, available: 0, used: 50 },
};
const free: NotifyRecipient = { username: 'sam', limit: { kind: 'unlimited' } };

describe('notification templates', () => {
  it('fills every placeholder per member', () => {
    const atRiskTemplate = TEMPLATES.find((t) => t.id === 'at-risk')!;
    const { subject, message } = renderFor(atRisk, atRiskTemplate, 'City of Springfield');
    expect(subject).toBe('You have used 85% of your ArcGIS Online credits');
    expect(message).toContain('Hello Jane,');
    expect(message).toContain('in City of Springfield: 170 of 200 credits, 30 left.');
    expect(
      renderFor(out, { subject: '{firstName} {fullName} {username}', message: '{remaining}' }, 'X'),
    ).toEqual({
      subject: 'Bobby Bob Stone bob',
      message: '0',
    });
  });

  it('says "no limit" and "—" for members without a cap, and falls back to the username', () => {
    const v = placeholderValues(free, '');
    expect(v).toMatchObject({
      firstName: 'sam',
      allocated: 'no limit',
      percentUsed: '—',
      orgName: 'your organization',
    });
  });

  it('leaves unknown placeholders as typed and reports them', () => {
    expect(fillTemplate('{percentUsd} left', placeholderValues(atRisk, 'X'))).toBe('{percentUsd} left');
    expect(unknownPlaceholders('{percentUsd} {used} {percentUsd}')).toEqual(['{percentUsd}']);
    expect(validateTemplate({ subject: 'Hi {nme}', message: '' })).toEqual({
      subject: 'Unknown placeholder {nme}.',
      message: 'Enter a message.',
    });
    expect(validateTemplate({ subject: 'Hi', message: 'Text' })).toEqual({});
  });

  it('picks "Run out" only when every recipient has run out', () => {
    expect(defaultTemplateFor([out]).id).toBe('exhausted');
    expect(defaultTemplateFor([out, atRisk]).id).toBe('at-risk');
  });
});

describe('notification batches', () => {
  it('groups members whose text is the same, at most 25 per request', () => {
    const many = Array.from({ length: 60 }, (_, i): NotifyRecipient => ({
      username: `u${i}`,
      limit: { kind: 'capped', assigned: 10, available: 0, used: 10 },
    }));
    const same = planNotificationBatches(many, { subject: 'Out', message: 'All {allocated} used' }, 'X');
    expect(same.map((b) => b.users.length)).toEqual([25, 25, 10]);
    expect(same[0]!.message).toBe('All 10 used');
  });

  it('sends each member their own request when the text names them', () => {
    const batches = planNotificationBatches(
      [atRisk, out, free],
      { subject: 'Hi {firstName}', message: 'x' },
      'X',
    );
    expect(batches.map((b) => [b.users, b.subject])).toEqual([
      [['jdoe'], 'Hi Jane'],
      [['bob'], 'Hi Bobby'],
      [['sam'], 'Hi sam'],
    ]);
  });
});
