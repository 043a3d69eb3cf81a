import { generateKeyPairSync } from 'node:crypto';
import type { ServiceAccountKey } from '../../../functions/publishing/google-sheets/serviceAccountKey.ts';

/** A throwaway service-account key (a real RSA pair), and the public half for the emulator. */
export function makeServiceAccount(email = 'sheets-publisher@demo-project.iam.gserviceaccount.com'): {
  key: ServiceAccountKey;
  publicKeyPem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    key: { type: 'service_account', client_email: email, private_key: privateKey, private_key_id: 'test-key-1', project_id: 'demo-project' },
    publicKeyPem: publicKey,
  };
}
