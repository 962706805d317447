/** The FIT file_id message as the model's FileId, and a device name from it. */
import { getFitGarminProductName } from 'fit-file-parser'
import type { FileId } from '../../model.js'
import type { FitFileId } from './read.js'
import { msOf } from './records.js'

/** Garmin-family manufacturers share Garmin's product numbers (FIT profile, garmin_product). */
const GARMIN_PRODUCTS = new Set(['garmin', 'dynastream', 'dynastream_oem'])

function nameOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

export function fileIdOf(message: FitFileId | null): FileId | null {
  if (message === null) return null
  const manufacturer = nameOf(message.manufacturer)
  const productName =
    nameOf(message.product_name) ??
    (manufacturer !== null && GARMIN_PRODUCTS.has(manufacturer) ? getFitGarminProductName(message.product) : null) ??
    nameOf(message.product)
  const created = msOf(message.time_created)
  return {
    serial_number: nameOf(message.serial_number),
    time_created_ms: Number.isNaN(created) ? null : created,
    manufacturer,
    product: productName,
  }
}

/** "garmin fenix3", as the corpus manifest writes devices. */
export function deviceOf(fileId: FileId | null): string | null {
  if (fileId === null) return null
  const parts = [fileId.manufacturer, fileId.product].filter((p): p is string => p !== null)
  return parts.length === 0 ? null : parts.join(' ')
}
