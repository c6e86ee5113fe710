/**
 * Live pub/sub for consoles and chat: in-process by default, Redis pub/sub when REDIS_URL is set so that
 * listeners on every instance hear every change. Notices are hints to refetch, never the only copy of data.
 */
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { LiveBus, LiveNotice } from '../app/ports.js';

export function inProcessBus(): LiveBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(topic, notice) {
      emitter.emit(topic, notice);
    },
    async subscribe(topic, handler) {
      emitter.on(topic, handler);
      return async () => {
        emitter.off(topic, handler);
      };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

const PREFIX = 'walletdesk:';

/** Redis pub/sub: one connection publishes, one subscribes; handlers are multiplexed per topic locally. */
export function redisBus(url: string, onError: (err: Error) => void = () => undefined): LiveBus {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { lazyConnect: false });
  pub.on('error', onError);
  sub.on('error', onError);
  const local = new EventEmitter();
  local.setMaxListeners(0);
  sub.on('message', (channel: string, payload: string) => {
    if (!channel.startsWith(PREFIX)) return;
    try {
      local.emit(channel.slice(PREFIX.length), JSON.parse(payload) as LiveNotice);
    } catch {
      // a foreign or corrupt payload on our channel: ignore it
    }
  });
  return {
    async publish(topic, notice) {
      await pub.publish(PREFIX + topic, JSON.stringify(notice));
    },
    async subscribe(topic, handler) {
      if (local.listenerCount(topic) === 0) await sub.subscribe(PREFIX + topic);
      local.on(topic, handler);
      return async () => {
        local.off(topic, handler);
        if (local.listenerCount(topic) === 0) await sub.unsubscribe(PREFIX + topic).catch(() => undefined);
      };
    },
    async close() {
      local.removeAllListeners();
      sub.disconnect();
      pub.disconnect();
    },
  };
}
