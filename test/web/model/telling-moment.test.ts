/** Where the cursor lands, and how REGISTER / DEREGISTER rows read, from the events' facts. */
import { describe, expect, it } from 'vitest';
import { tellingMomentS } from '../../../web/model/telling-moment.ts';
import { simEvent } from '../fixtures/run-result.ts';

describe('tellingMomentS', () => {
  it('prefers a fault, then a scale-out, then an alarm in ALARM, then an unhealthy target', () => {
    const scaleIn = simEvent(100, 'scaling', { name: 'p', group: 'asg', cause: 'c', from: 6, to: 4 });
    const alarm = simEvent(200, 'alarm', { name: 'a', state: 'ALARM' });
    const scaleOut = simEvent(300, 'scaling', { name: 'p', group: 'asg', cause: 'c', from: 4, to: 6 });
    const unhealthy = simEvent(50, 'health', { instance: 'i-0001', targetGroup: 'web', state: 'unhealthy' });
    expect(tellingMomentS([scaleIn, alarm, scaleOut, unhealthy])).toBe(300);
    expect(tellingMomentS([scaleIn, alarm, unhealthy])).toBe(200);
    expect(tellingMomentS([scaleIn, unhealthy])).toBe(50);
    expect(tellingMomentS([scaleIn])).toBe(100);
    expect(tellingMomentS([scaleOut, simEvent(400, 'fault', { zone: 'us-east-1a', state: 'fail-zone' })])).toBe(400);
    expect(tellingMomentS([simEvent(10, 'alarm', { name: 'a', state: 'OK' })])).toBe(0);
  });
});

describe('detailText', () => {
  it('names the target group of a registration, and beside how a deregistration ended', async () => {
    const { detailText } = await import('../../../web/components/events-log.ts');
    expect(detailText(simEvent(0, 'register', { instance: 'i-0001', targetGroup: 'default' }))).toBe('target group “default”');
    expect(detailText(simEvent(9, 'deregister', { instance: 'i-0001', targetGroup: 'api', state: 'drained' }))).toBe('drained: no requests in flight (target group “api”)');
    expect(detailText(simEvent(9, 'health', { instance: 'i-0001', targetGroup: 'api', state: 'healthy' }))).toBe('healthy');
  });
});
