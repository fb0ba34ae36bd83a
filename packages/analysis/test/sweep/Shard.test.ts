// Shards: k/N parsing, the Indexed Job environment, and that the shards partition the tasks.

import { describe, expect, it } from 'vitest';

import { OverrideError, inShard, parseShard, shardFromEnv } from '../../src/index.js';

describe('shards', () => {
  it('parses k/N and refuses anything else, naming the value', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(OverrideError);
    expect(() => parseShard('4/3')).toThrow('--shard 4/3: expected k/N');
  });

  it('reads JOB_COMPLETION_INDEX (0-based) and JOB_COMPLETIONS', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0', JOB_COMPLETIONS: '4' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '3' })).toBeUndefined();
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '4', JOB_COMPLETIONS: '4' })).toThrow(OverrideError);
  });

  it('every task is in exactly one shard', () => {
    for (let task = 0; task < 20; task++) {
      const owners = [1, 2, 3].filter((index) => inShard(task, { index, count: 3 }));
      expect(owners).toEqual([(task % 3) + 1]);
    }
    expect(inShard(5, undefined)).toBe(true);
  });
});
