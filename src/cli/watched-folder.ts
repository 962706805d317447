/**
 * The folder `fitledger sync` watches, kept watched while it comes and goes (issue 12, item 3).
 * chokidar watches what is in a folder, not the folder itself: once the watched root is removed
 * it never sees it again, and removing an empty root gives no event at all (chokidar 4.0.3 on
 * Linux, tried; chokidar#917, #1207, #1463, where the advice is to watch the parent). A watch
 * unplugged and plugged back in is the everyday case, so the root is looked after here: a
 * watch on the root itself says when it is removed, and every ROOT_CHECK_MS the root is looked
 * at. When it is gone, its watcher is closed and that is said once; when it is back, or was
 * replaced between two looks, a new watcher lists it afresh (sync-state.ts skips what was sent).
 */
import { type FSWatcher as RootWatcher, watch as watchRoot } from 'node:fs'
import { opendir, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { type ChokidarOptions, type FSWatcher, watch } from 'chokidar'
import { FitledgerError } from '../errors.js'

const ROOT_CHECK_MS = 1000

/**
 * What is wrong with a folder, by the system's error code: at start (`problem`, then what to do)
 * and once it was being watched (`gone`).
 */
const PERMISSION = {
  problem: 'permission denied',
  todo: 'Let this user read the folder, or run sync as one who can',
  gone: 'can no longer be read (permission denied)',
}
const NO_DEVICE = {
  problem: 'no such device',
  todo: 'Plug in and mount the device, then start sync again',
  gone: 'is gone (its device was removed?)',
}
const FOLDER_PROBLEMS: Record<string, { problem: string; todo: string; gone: string }> = {
  ENOENT: {
    problem: 'no such folder',
    todo: 'Create it, or plug in and mount the device, then start sync again',
    gone: 'is gone (unplugged?)',
  },
  ENOTDIR: { problem: 'not a folder', todo: 'Give sync the folder that holds the workout files', gone: 'is no longer a folder' },
  EACCES: PERMISSION,
  EPERM: PERMISSION,
  EIO: {
    problem: 'input/output error',
    todo: 'Check the device, then start sync again',
    gone: 'cannot be read (input/output error: was the device removed?)',
  },
  ENODEV: NO_DEVICE,
  ENXIO: NO_DEVICE,
}

type Look = { readonly id: string } | { readonly code: string }

/**
 * The folder's identity if it is a folder this process can list, else why not. NOTE: ext4 hands
 * a folder removed and made again at once the same inode; its birth time tells them apart.
 */
async function lookAt(root: string): Promise<Look> {
  try {
    const info = await stat(root)
    if (!info.isDirectory()) return { code: 'ENOTDIR' }
    await (await opendir(root)).close()
    return { id: `${info.dev}:${info.ino}:${info.birthtimeMs}` }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === undefined || !(code in FOLDER_PROBLEMS)) throw err
    return { code }
  }
}

export interface FolderEvents {
  /** A file was added or changed (chokidar's add and change). */
  readonly file: (path: string) => void
  /** The folder went away (said once per absence): `is gone (unplugged?)` and the like. */
  readonly gone: (how: string) => void
  /** The folder is back, or was replaced, and is being watched again. */
  readonly back: () => void
  readonly error: (err: unknown) => void
}

export interface WatchedFolder {
  /** Whether the folder is there as this moment sees it (a read that failed may be why). */
  present(): Promise<boolean>
  close(): Promise<void>
}

/**
 * Starts watching `root`, once it has been listed (chokidar's `ready`). A root that is not a
 * folder this process can list is the caller's mistake: one line says what to do.
 */
export async function watchFolder(root: string, options: ChokidarOptions, events: FolderEvents): Promise<WatchedFolder> {
  const first = await lookAt(root)
  if ('code' in first) {
    const { problem, todo } = FOLDER_PROBLEMS[first.code]!
    throw new FitledgerError('bad_request', `cannot watch ${root}: ${problem}. ${todo}`)
  }
  let current: string | null = first.id
  let watcher: FSWatcher | null = null
  let sentinel: RootWatcher | null = null
  /** The root the watchers were opened on was removed: they see nothing any more. */
  let stale = false
  let closed = false

  const shut = async () => {
    sentinel?.close()
    sentinel = null
    await watcher?.close()
    watcher = null
  }
  const open = async () => {
    const lost = () => {
      stale = true
      queueLook()
    }
    stale = false
    // inotify tells a watch on a folder when that folder itself goes: a `rename` of its own name.
    sentinel = watchRoot(root, { persistent: false }, (event, name) => event === 'rename' && name === basename(root) && lost()).on(
      'error',
      lost,
    )
    const next = watch(root, options)
    next.on('add', events.file).on('change', events.file).on('error', events.error)
    await new Promise<void>((r) => next.once('ready', () => r()))
    watcher = next
  }

  const look = async () => {
    if (closed) return
    const seen = await lookAt(root)
    const id = 'id' in seen ? seen.id : null
    if ((id === current && !stale) || closed) return
    await shut()
    const wasThere = current !== null
    current = id
    if ('code' in seen) {
      if (wasThere) events.gone(FOLDER_PROBLEMS[seen.code]!.gone)
      return
    }
    await open()
    events.back()
  }
  // Looks run one after another, never two at once.
  let looking = Promise.resolve()
  const queueLook = () => {
    looking = looking.then(look).catch(events.error)
  }

  await open()
  const timer = setInterval(queueLook, ROOT_CHECK_MS)
  return {
    present: async () => 'id' in (await lookAt(root)),
    async close() {
      closed = true
      clearInterval(timer)
      await looking
      await shut()
    },
  }
}
