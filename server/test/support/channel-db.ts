import { afterAll, beforeAll } from "vitest";
import { ChannelStore } from "../../src/channels/channels.js";
import type { Db } from "../../src/db/database.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "./app.js";
import { createTestDatabase } from "./db.js";

/**
 * A fresh database holding one channel, for the tests of a store that works per channel: created
 * in the file's beforeAll, dropped in its afterAll (the fields are there once beforeAll has run).
 */
export function databaseWithChannel(code: string): { db: Db; channelId: string } {
  const held = {} as { db: Db; channelId: string; drop(): Promise<void> };
  beforeAll(async () => {
    const database = await createTestDatabase();
    const channel = await new ChannelStore(database.db, new SecretBox(TEST_MASTER_KEY)).create({ code, name: code });
    Object.assign(held, { db: database.db, channelId: channel.id, drop: database.drop });
  });
  afterAll(async () => {
    await held.drop?.();
  });
  return held;
}
