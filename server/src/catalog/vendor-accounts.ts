import type { Db } from "../db/database.js";
import { newId } from "../security/ids.js";
import type { SecretBox } from "../security/secret-box.js";
import type { VendorId } from "../vendors/connector.js";

export interface VendorAccount {
  id: string;
  vendor: VendorId;
  name: string;
  baseUrl: string;
  ratePerSecond: number;
  createdAt: Date;
}

export interface VendorAccountWithCredentials extends VendorAccount {
  credentials: Record<string, string>;
}

/** Vendor accounts with their credentials sealed at rest; credentials leave only towards a connector. */
export class VendorAccountStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  async create(input: {
    vendor: VendorId;
    name: string;
    baseUrl: string;
    credentials: Record<string, string>;
    ratePerSecond?: number;
  }): Promise<VendorAccount> {
    const row = await this.db
      .insertInto("vendor_accounts")
      .values({
        id: newId("vac"),
        vendor: input.vendor,
        name: input.name,
        base_url: input.baseUrl,
        credentials_enc: this.box.seal(JSON.stringify(input.credentials)),
        ...(input.ratePerSecond ? { rate_per_second: input.ratePerSecond } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAccount(row);
  }

  async list(): Promise<VendorAccount[]> {
    return (await this.db.selectFrom("vendor_accounts").selectAll().orderBy("created_at").execute()).map(toAccount);
  }

  async findByName(name: string): Promise<VendorAccount | undefined> {
    const row = await this.db.selectFrom("vendor_accounts").selectAll().where("name", "=", name).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  async getWithCredentials(id: string): Promise<VendorAccountWithCredentials | undefined> {
    const row = await this.db.selectFrom("vendor_accounts").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    return { ...toAccount(row), credentials: JSON.parse(this.box.open(row.credentials_enc)) };
  }
}

function toAccount(row: {
  id: string;
  vendor: string;
  name: string;
  base_url: string;
  rate_per_second: number;
  created_at: Date;
}): VendorAccount {
  return {
    id: row.id,
    vendor: row.vendor as VendorId,
    name: row.name,
    baseUrl: row.base_url,
    ratePerSecond: row.rate_per_second,
    createdAt: row.created_at,
  };
}
