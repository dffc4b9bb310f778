import { readFileSync } from 'node:fs';
import { CustomerProfileListSchema, type CustomerProfile } from '../schemas/customer.schema.js';

export interface ProfileStore {
  get(customerId: string): Promise<CustomerProfile | undefined>;
  /** Every profile, when the store can list them (the no-leak quality check needs the names). */
  list?(): CustomerProfile[];
  readonly size: number;
}

/** Profiles from a JSON file, held in memory; an unknown id is simply undefined. */
export class JsonProfileStore implements ProfileStore {
  private readonly byId: Map<string, CustomerProfile>;

  constructor(profiles: CustomerProfile[]) {
    this.byId = new Map(profiles.map((p) => [p.customer_id, p]));
  }

  static fromFile(path: string): JsonProfileStore {
    return new JsonProfileStore(CustomerProfileListSchema.parse(JSON.parse(readFileSync(path, 'utf8'))));
  }

  async get(customerId: string): Promise<CustomerProfile | undefined> {
    return this.byId.get(customerId);
  }

  list(): CustomerProfile[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }
}
