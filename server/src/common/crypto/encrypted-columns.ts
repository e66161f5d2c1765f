/**
 * Every column that holds FieldCipher output (`v1.<keyId>.…`), by table. The key rotation walks these;
 * the personal-data e2e spec fails when an entity gains an `*_enc` column that is not listed here.
 */
export interface EncryptedTable {
  table: string;
  /** An integer primary key, walked in ascending order. */
  key: string;
  columns: readonly string[];
}

export const ENCRYPTED_COLUMNS: readonly EncryptedTable[] = [
  /** 办件 applicant: ID number (optional) and phone, entered by staff at the office. */
  { table: 'service_case', key: 'id', columns: ['applicant_id_enc', 'applicant_phone_enc'] },
  /** 代录 comments: the resident's name and phone, entered by the grid worker. */
  { table: 'consultation_comment', key: 'id', columns: ['proxy_name_enc', 'proxy_contact_enc'] },
];
