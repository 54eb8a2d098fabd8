import type { opsZhCN } from './ops.zh-CN';

/** en messages of running Concord on several nodes (a node going away). */
export const opsEn: Record<keyof typeof opsZhCN, string> = {
  'refusal.goingAway': 'The server is handing over to another node; reconnecting.',
};
