/** zh-CN messages of running Concord on several nodes (a node going away). */
export const opsZhCN = {
  'refusal.goingAway': '服务器节点正在切换，正在重新连接。',
} as const;
