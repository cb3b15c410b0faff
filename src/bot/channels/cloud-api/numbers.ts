// Which clinic each Cloud API phone number belongs to, from
// WHATSAPP_CLOUD_PHONE_NUMBERS ("<phone-number-id>:<clinic id or slug>,...").
import type { Database } from "../../../db/database.js";

export class CloudNumbers {
  private readonly pairs: { phoneNumberId: string; clinic: string }[];
  private resolved: Map<string, string> | undefined; // phoneNumberId -> clinicId

  constructor(private readonly db: Database, spec: string) {
    this.pairs = spec.split(",").map((pair) => pair.trim()).filter(Boolean).map((pair) => {
      const [phoneNumberId, clinic] = pair.split(":").map((part) => part.trim());
      return { phoneNumberId: phoneNumberId!, clinic: clinic! };
    });
  }

  async clinicFor(phoneNumberId: string): Promise<string | undefined> {
    return (await this.map()).get(phoneNumberId);
  }

  async phoneNumberIdFor(clinicId: string): Promise<string | undefined> {
    for (const [phoneNumberId, id] of await this.map()) if (id === clinicId) return phoneNumberId;
    return undefined;
  }

  private async map(): Promise<Map<string, string>> {
    if (this.resolved) return this.resolved;
    const clinics = await this.db.prisma.clinic.findMany({
      where: { OR: [{ id: { in: this.pairs.map((p) => p.clinic) } }, { slug: { in: this.pairs.map((p) => p.clinic) } }] },
      select: { id: true, slug: true },
    });
    const map = new Map<string, string>();
    for (const pair of this.pairs) {
      // By id first: a clinic whose slug is another clinic's id never takes that clinic's number.
      const clinic = clinics.find((c) => c.id === pair.clinic) ?? clinics.find((c) => c.slug === pair.clinic);
      if (clinic) map.set(pair.phoneNumberId, clinic.id);
    }
    // Keep a complete answer; a clinic created later is found on the next call.
    if (map.size === this.pairs.length) this.resolved = map;
    return map;
  }
}
