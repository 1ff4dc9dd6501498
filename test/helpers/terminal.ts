// A user at a real pseudo-terminal: python3's pty module plays them, waiting for each question
// before typing the answer, and prints what the terminal showed.
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, testEnv } from './kesu.js';

/** argv[1]: the command (JSON list); argv[2]: [[text to wait for, keys to type], ...]. Prints what the terminal showed. */
const PLAYER = String.raw`
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

command = json.loads(sys.argv[1])
script = json.loads(sys.argv[2])
deadline = time.time() + 40
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 30, 120, 0, 0))
# A write that would block while kesu waits to draw would leave both waiting: never block.
os.set_blocking(fd, False)
out = b''

def read_some():
    global out
    remaining = deadline - time.time()
    if remaining <= 0:
        return None
    ready, _, _ = select.select([fd], [], [], remaining)
    if fd not in ready:
        return None
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        chunk = b''
    out += chunk
    return chunk

def fail(why):
    os.kill(pid, signal.SIGKILL)
    sys.stdout.buffer.write(out)
    sys.stderr.write(why + '\n')
    sys.exit(99)

def write_all(data):
    # A long paste fills the terminal's buffer: read what kesu draws meanwhile, or both wait forever.
    while data:
        ready, writable, _ = select.select([fd], [fd], [], max(deadline - time.time(), 0))
        if not ready and not writable:
            fail('timed out typing')
        if ready:
            read_some()
        if writable:
            try:
                data = data[os.write(fd, data[:4096]):]
            except BlockingIOError:
                pass

seen = 0
for wait_for, keys in script:
    needle = wait_for.encode()
    while out.find(needle, seen) == -1:
        chunk = read_some()
        if chunk is None:
            fail('timed out waiting for ' + repr(wait_for))
        if chunk == b'':
            fail('the program ended while waiting for ' + repr(wait_for))
    seen = out.find(needle, seen) + len(needle)
    time.sleep(0.05)
    write_all(keys.encode())

while True:
    chunk = read_some()
    if chunk is None:
        fail('timed out waiting for the program to end')
    if chunk == b'':
        break
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export const ENTER = '\r';
export const UP = '\x1b[A';
export const DOWN = '\x1b[B';

/** Runs kesu with `args` on a terminal, typing each answer when its question shows; the screen without its escape sequences. */
export function onTerminal(args: string[], script: [waitFor: string, keys: string][], env: Record<string, string> = {}) {
  const result = spawnSync('python3', ['-c', PLAYER, JSON.stringify([process.execPath, BIN, ...args]), JSON.stringify(script)], {
    cwd: ROOT,
    env: testEnv({ TERM: 'xterm', ...env }),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const screen = result.stdout.replace(/\x1b\[[0-9;?]*[A-Za-z~]/g, '');
  return { code: result.status, screen, stderr: result.stderr };
}
