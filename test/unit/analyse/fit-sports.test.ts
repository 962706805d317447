import { Profile } from '@garmin/fitsdk'
import { describe, expect, it } from 'vitest'
import { CARDIO_SPORTS, DECLARED_ONLY_SPORTS, type Sport } from '../../../src/model.js'
import { classifyDeclaredSport } from '../../../src/analyse/sport/declared-sport.js'
import { sportFromStravaType } from '../../../src/archive/strava-sport.js'

/** The SDK's camelCase names as decoders write them: `crossCountrySkiing` → `cross_country_skiing`. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * Every FIT sport of the @garmin/fitsdk profile, by the class it must map to (REGIMEN.md, Sports);
 * `infer`: it declares nothing specific. A sport the SDK adds fails the first test until listed here
 * and mapped in src/analyse/sport/fit-sports.ts.
 */
const SPORTS_BY_CLASS: Readonly<Record<Sport | 'infer', readonly string[]>> = {
  infer: ['generic', 'all', 'multisport', 'fitnessEquipment'],
  running: ['running', 'wheelchairPushRun'],
  walking: ['walking', 'wheelchairPushWalk'],
  hiking: ['hiking', 'mountaineering', 'snowshoeing'],
  cycling: ['cycling', 'eBiking'],
  swimming: ['swimming'],
  rowing: ['rowing'],
  elliptical: [],
  skiing: ['crossCountrySkiing'],
  paddling: ['paddling', 'standUpPaddleboarding', 'kayaking', 'canoeing'],
  boxing: ['boxing'],
  dancing: ['dance'],
  strength: ['training', 'hiit'],
  other: [
    'transition',
    'basketball',
    'soccer',
    'tennis',
    'americanFootball',
    'alpineSkiing',
    'snowboarding',
    'flying',
    'motorcycling',
    'boating',
    'driving',
    'golf',
    'hangGliding',
    'horsebackRiding',
    'hunting',
    'fishing',
    'inlineSkating',
    'rockClimbing',
    'sailing',
    'iceSkating',
    'skyDiving',
    'snowmobiling',
    'surfing',
    'wakeboarding',
    'waterSkiing',
    'rafting',
    'windsurfing',
    'kitesurfing',
    'tactical',
    'jumpmaster',
    'floorClimbing',
    'baseball',
    'diving',
    'shooting',
    'winterSport',
    'grinding',
    'videoGaming',
    'racket',
    'meditation',
    'paraSport',
    'discGolf',
    'teamSport',
    'cricket',
    'rugby',
    'hockey',
    'lacrosse',
    'volleyball',
    'waterTubing',
    'wakesurfing',
    'waterSport',
    'archery',
    'mixedMartialArts',
    'motorSports',
    'snorkeling',
    'jumpRope',
    'poolApnea',
    'mobility',
    'geocaching',
  ],
}

/** Every FIT sub-sport, by the class it names under `generic`; `refines`: the sport decides. */
const SUB_SPORTS_BY_CLASS: Readonly<Record<Sport | 'refines', readonly string[]>> = {
  refines: [
    'generic',
    'all',
    'street',
    'trail',
    'track',
    'road',
    'mountain',
    'downhill',
    'recumbent',
    'cyclocross',
    'trackCycling',
    'warmUp',
    'match',
    'exercise',
    'challenge',
    'backcountry',
    'resort',
    'whitewater',
    'commuting',
    'mixedSurface',
    'navigate',
    'trackMe',
    'map',
    'virtualActivity',
    'obstacle',
    'expedition',
    'ultra',
    'triathlon',
    'duathlon',
    'brick',
    'swimRun',
    'adventureRace',
    'field',
    'ice',
    'overland',
    'enduro',
    'poolTriathlon',
  ],
  running: ['treadmill', 'indoorRunning', 'indoorWheelchairRun'],
  walking: ['indoorWalking', 'casualWalking', 'speedWalking', 'indoorWheelchairWalk'],
  hiking: ['rucking'],
  cycling: [
    'spin',
    'indoorCycling',
    'handCycling',
    'eBikeFitness',
    'bmx',
    'gravelCycling',
    'eBikeMountain',
    'indoorHandCycling',
    'eBikeEnduro',
  ],
  swimming: ['lapSwimming', 'openWater'],
  rowing: ['indoorRowing'],
  elliptical: ['elliptical'],
  skiing: ['indoorSkiing', 'skateSkiing'],
  paddling: [],
  boxing: [],
  dancing: [],
  strength: ['strengthTraining', 'cardioTraining', 'hiit', 'amrap', 'emom', 'tabata', 'truckerWorkout'],
  other: [
    'stairClimbing',
    'flexibilityTraining',
    'yoga',
    'pilates',
    'breathing',
    'bikeToRunTransition',
    'runToBikeTransition',
    'swimToBikeTransition',
    'atv',
    'motocross',
    'rcDrone',
    'wingsuit',
    'singleGasDiving',
    'multiGasDiving',
    'gaugeDiving',
    'apneaDiving',
    'apneaHunting',
    'ccrDiving',
    'dynamicApnea',
    'sailRace',
    'indoorClimbing',
    'bouldering',
    'indoorGrinding',
    'huntingWithDogs',
    'esport',
    'pickleball',
    'padel',
    'ultimate',
    'platform',
    'squash',
    'badminton',
    'racquetball',
    'tableTennis',
    'trollingMotor',
    'flyCanopy',
    'flyParaglide',
    'flyParamotor',
    'flyPressurized',
    'flyNavigate',
    'flyTimer',
    'flyAltimeter',
    'flyWx',
    'flyVfr',
    'flyIfr',
    'rally',
  ],
}

const rows = <K extends string>(table: Readonly<Record<K, readonly string[]>>) =>
  (Object.entries(table) as [K, readonly string[]][]).flatMap(([want, names]) => names.map((name) => ({ name, want })))
const sdkNames = (values: Record<number, string> | undefined): string[] => Object.values(values ?? {}).sort()

describe('every FIT sport of the SDK profile is mapped on purpose', () => {
  it('the tables list exactly the SDK profile sports and sub-sports', () => {
    expect(
      rows(SPORTS_BY_CLASS)
        .map((r) => r.name)
        .sort(),
    ).toEqual(sdkNames(Profile.types.sport))
    expect(
      rows(SUB_SPORTS_BY_CLASS)
        .map((r) => r.name)
        .sort(),
    ).toEqual(sdkNames(Profile.types.subSport))
  })

  it.each(rows(SPORTS_BY_CLASS))('sport $name → $want', ({ name, want }) => {
    expect(classifyDeclaredSport(snake(name), null)?.sport ?? 'infer').toBe(want)
  })

  it.each(rows(SUB_SPORTS_BY_CLASS))('generic/$name → $want', ({ name, want }) => {
    expect(classifyDeclaredSport('generic', snake(name))?.sport ?? 'refines').toBe(want)
  })

  it.each([
    // under a specific sport the sport wins: a yoga sub-sport of cycling does not exist, but if a
    // device wrote one the ride stays a ride; under `training` the sub-sport decides
    { sport: 'cycling', sub: 'yoga', want: 'cycling' },
    { sport: 'training', sub: 'yoga', want: 'other' },
    { sport: 'fitness_equipment', sub: 'indoor_skiing', want: 'skiing' },
    { sport: 'running', sub: 'treadmill', want: 'running' },
  ])('$sport/$sub → $want', ({ sport, sub, want }) => {
    expect(classifyDeclaredSport(sport, sub)?.sport).toBe(want)
  })
})

describe('the declared-only sports from TCX, GPX and Strava names', () => {
  it.each([
    { name: 'cross_country_skiing_ws', want: 'skiing' }, // Garmin Connect GPX type
    { name: 'skate_skiing_ws', want: 'skiing' },
    { name: 'resort_skiing_snowboarding_ws', want: 'other' },
    { name: 'nordicski', want: 'skiing' }, // Strava GPX code 7, translated by the parser
    { name: 'stand_up_paddleboarding_v2', want: 'paddling' },
    { name: 'kayaking_v2', want: 'paddling' },
    { name: 'Canoeing', want: 'paddling' },
    { name: 'boxing', want: 'boxing' },
    { name: 'kickboxing', want: 'boxing' },
    { name: 'Dance', want: 'dancing' },
    { name: 'dancing', want: 'dancing' },
    { name: 'alpine_skiing', want: 'other' },
  ])('$name → $want', ({ name, want }) => {
    expect(classifyDeclaredSport(name, null)?.sport).toBe(want)
  })

  it.each([
    { type: 'Nordic Ski', want: 'skiing' },
    { type: 'Roller Ski', want: 'skiing' },
    { type: 'Kayaking', want: 'paddling' },
    { type: 'Canoeing', want: 'paddling' },
    { type: 'Stand Up Paddling', want: 'paddling' },
    { type: 'Dance', want: 'dancing' },
    { type: 'Boxing', want: 'boxing' },
    { type: 'Alpine Ski', want: null }, // not one of ours: the data decides
  ])('Strava activities.csv type $type → $want', ({ type, want }) => {
    expect(sportFromStravaType(type)).toBe(want)
  })
})

describe('REGIMEN.md, Sports: the declared-only sports are cardio', () => {
  it.each(DECLARED_ONLY_SPORTS.map((sport) => ({ sport })))('$sport counts as cardio', ({ sport }) => {
    expect(CARDIO_SPORTS.has(sport)).toBe(true)
  })

  it('strength and other are the only sports that are not cardio', () => {
    expect(['strength', 'other'].filter((s) => !CARDIO_SPORTS.has(s as Sport))).toEqual(['strength', 'other'])
    expect(CARDIO_SPORTS.size).toBe(11)
  })
})
