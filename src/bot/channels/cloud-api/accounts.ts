// Which Cloud API number, token and app secret belong to which clinic: the
// clinic's row in WhatsAppCloudAccount (set through the admin API, secrets
// sealed) first, else the single-clinic shortcut of the environment
// (WHATSAPP_CLOUD_PHONE_NUMBERS with WHATSAPP_CLOUD_ACCESS_TOKEN and
// WHATSAPP_CLOUD_APP_SECRET).
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { CloudAccountRow } from "../../../db/rows.js";
import { findAccountByClinic, findAccountByPhoneNumberId, isAccountVerifyToken, listSealedAppSecrets } from "./cloud-api-statements.js";
import { CloudNumbers } from "./numbers.js";

export interface CloudAccount {
  clinicId: string;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
}

export interface EnvironmentAccount {
  phoneNumbers?: string;
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
}

export class CloudAccounts {
  private readonly envNumbers: CloudNumbers | undefined;

  constructor(private readonly db: Database, private readonly cipher: Cipher, private readonly env: EnvironmentAccount) {
    this.envNumbers = env.phoneNumbers && env.accessToken && env.appSecret ? new CloudNumbers(db, env.phoneNumbers) : undefined;
  }

  async forPhoneNumberId(phoneNumberId: string): Promise<CloudAccount | undefined> {
    const row = await findAccountByPhoneNumberId(this.db.sql, phoneNumberId);
    if (row) return this.open(row);
    const clinicId = await this.envNumbers?.clinicFor(phoneNumberId);
    return clinicId ? this.fromEnv(clinicId, phoneNumberId) : undefined;
  }

  async forClinic(clinicId: string): Promise<CloudAccount | undefined> {
    const row = await findAccountByClinic(this.db.sql, clinicId);
    if (row) return this.open(row);
    const phoneNumberId = await this.envNumbers?.phoneNumberIdFor(clinicId);
    return phoneNumberId ? this.fromEnv(clinicId, phoneNumberId) : undefined;
  }

  /** Meta's GET verification names no number: any clinic's verify token (or the environment's) passes. */
  async isVerifyToken(token: string): Promise<boolean> {
    if (this.env.verifyToken && token === this.env.verifyToken) return true;
    return isAccountVerifyToken(this.db.sql, token);
  }

  /** A delivery that names no number we know (a template status, an account update): signed by any app we hold a secret of. */
  async signedByAnyApp(isSignedWith: (appSecret: string) => boolean): Promise<boolean> {
    if (this.env.appSecret && isSignedWith(this.env.appSecret)) return true;
    return (await listSealedAppSecrets(this.db.sql)).some((sealed) => isSignedWith(this.cipher.decrypt(sealed)));
  }

  private open(row: CloudAccountRow): CloudAccount {
    return {
      clinicId: row.clinicId, phoneNumberId: row.phoneNumberId,
      accessToken: this.cipher.decrypt(row.accessTokenSealed), appSecret: this.cipher.decrypt(row.appSecretSealed),
    };
  }

  private fromEnv(clinicId: string, phoneNumberId: string): CloudAccount {
    return { clinicId, phoneNumberId, accessToken: this.env.accessToken!, appSecret: this.env.appSecret! };
  }
}
