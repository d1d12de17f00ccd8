import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";

export const FIRST_ADMIN_FILE = "first-admin-password.txt";

/**
 * Hands the first console admin's generated password to the person starting the system, and to
 * nobody else. On a terminal it is printed. Otherwise stdout is a log (systemd, docker, a CI
 * file) that many can read and that is kept, so the password goes into a new file only its owner
 * can read (0600), and only that file's path is printed.
 * Returns the file's path when one was written.
 */
export async function deliverFirstAdminPassword(
  admin: { username: string; password: string },
  opts: { isTTY: boolean; dataDir: string; say: (line: string) => void },
): Promise<string | undefined> {
  if (opts.isTTY) {
    opts.say(`console admin created: username=${admin.username}  password=${admin.password}  (shown once)`);
    return undefined;
  }
  const file = path.resolve(opts.dataDir, FIRST_ADMIN_FILE);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // A file left by an earlier database (DATA_DIR kept, database reset) is replaced, never written
  // through: unlink, then "wx" creates a new file with the mode (it would fail on a symlink put
  // in its place meanwhile rather than write where it points).
  await rm(file, { force: true });
  const handle = await open(file, "wx", 0o600);
  try {
    await handle.writeFile(`username=${admin.username}\npassword=${admin.password}\n`);
  } finally {
    await handle.close();
  }
  opts.say(
    `console admin created: username=${admin.username}; its password is in ${file} (readable by this user only; delete it after the first login)`,
  );
  return file;
}
