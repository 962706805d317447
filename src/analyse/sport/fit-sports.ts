import type { Sport } from '../../model.js'

/**
 * Every FIT `sport` of the profile (@garmin/fitsdk Profile.types.sport, in snake_case as decoders
 * name them) → its class. `null`: the sport names nothing specific and the data decides (REGIMEN.md,
 * Sports: FIT `generic`). test/unit/analyse/fit-sports.test.ts fails when the SDK adds a sport that
 * is not here, so each new one is mapped on purpose.
 *
 * REGIMEN.md, Sports: `skiing` is cross-country only (alpine skiing and snowboarding are `other`);
 * `paddling` is kayak, canoe and stand-up paddle. Wheelchair pushes count as the walk or run they
 * stand for. Sports with no class of their own (team games, rackets, climbing, water and motor
 * sports, diving) are `other`.
 */
export const FIT_SPORTS: Readonly<Record<string, Sport | null>> = {
  generic: null, all: null, multisport: null, fitness_equipment: null,
  running: 'running', wheelchair_push_run: 'running',
  walking: 'walking', wheelchair_push_walk: 'walking',
  hiking: 'hiking', mountaineering: 'hiking', snowshoeing: 'hiking',
  cycling: 'cycling', e_biking: 'cycling',
  swimming: 'swimming',
  rowing: 'rowing',
  cross_country_skiing: 'skiing',
  paddling: 'paddling', stand_up_paddleboarding: 'paddling', kayaking: 'paddling', canoeing: 'paddling',
  boxing: 'boxing',
  dance: 'dancing',
  training: 'strength', hiit: 'strength',
  transition: 'other', basketball: 'other', soccer: 'other', tennis: 'other', american_football: 'other',
  alpine_skiing: 'other', snowboarding: 'other', flying: 'other', motorcycling: 'other', boating: 'other',
  driving: 'other', golf: 'other', hang_gliding: 'other', horseback_riding: 'other', hunting: 'other',
  fishing: 'other', inline_skating: 'other', rock_climbing: 'other', sailing: 'other', ice_skating: 'other',
  sky_diving: 'other', snowmobiling: 'other', surfing: 'other', wakeboarding: 'other', water_skiing: 'other',
  rafting: 'other', windsurfing: 'other', kitesurfing: 'other', tactical: 'other', jumpmaster: 'other',
  floor_climbing: 'other', baseball: 'other', diving: 'other', shooting: 'other', winter_sport: 'other',
  grinding: 'other', video_gaming: 'other', racket: 'other', meditation: 'other', para_sport: 'other',
  disc_golf: 'other', team_sport: 'other', cricket: 'other', rugby: 'other', hockey: 'other',
  lacrosse: 'other', volleyball: 'other', water_tubing: 'other', wakesurfing: 'other', water_sport: 'other',
  archery: 'other', mixed_martial_arts: 'other', motor_sports: 'other', snorkeling: 'other',
  jump_rope: 'other', pool_apnea: 'other', mobility: 'other', geocaching: 'other',
}

/**
 * Every FIT `sub_sport` of the profile → the class it names on its own, or `null` when it only
 * refines its sport (`road`, `trail`, `commuting`, …) or could belong to several (`track`,
 * `virtual_activity`, `backcountry`). A sub-sport decides only under a container sport (CONTAINERS);
 * under a specific sport the sport wins.
 */
export const FIT_SUB_SPORTS: Readonly<Record<string, Sport | null>> = {
  generic: null, all: null, street: null, trail: null, track: null, road: null, mountain: null,
  downhill: null, recumbent: null, cyclocross: null, track_cycling: null, warm_up: null, match: null,
  exercise: null, challenge: null, backcountry: null, resort: null, whitewater: null, commuting: null,
  mixed_surface: null, navigate: null, track_me: null, map: null, virtual_activity: null, obstacle: null,
  expedition: null, ultra: null, triathlon: null, duathlon: null, brick: null, swim_run: null,
  adventure_race: null, field: null, ice: null, overland: null, enduro: null, pool_triathlon: null,
  treadmill: 'running', indoor_running: 'running', indoor_wheelchair_run: 'running',
  indoor_walking: 'walking', casual_walking: 'walking', speed_walking: 'walking', indoor_wheelchair_walk: 'walking',
  rucking: 'hiking',
  spin: 'cycling', indoor_cycling: 'cycling', hand_cycling: 'cycling', e_bike_fitness: 'cycling', bmx: 'cycling',
  gravel_cycling: 'cycling', e_bike_mountain: 'cycling', indoor_hand_cycling: 'cycling', e_bike_enduro: 'cycling',
  lap_swimming: 'swimming', open_water: 'swimming',
  indoor_rowing: 'rowing',
  elliptical: 'elliptical',
  indoor_skiing: 'skiing', skate_skiing: 'skiing',
  strength_training: 'strength', cardio_training: 'strength', hiit: 'strength', amrap: 'strength',
  emom: 'strength', tabata: 'strength', trucker_workout: 'strength',
  stair_climbing: 'other', flexibility_training: 'other', yoga: 'other', pilates: 'other', breathing: 'other',
  bike_to_run_transition: 'other', run_to_bike_transition: 'other', swim_to_bike_transition: 'other',
  atv: 'other', motocross: 'other', rc_drone: 'other', wingsuit: 'other', single_gas_diving: 'other',
  multi_gas_diving: 'other', gauge_diving: 'other', apnea_diving: 'other', apnea_hunting: 'other',
  ccr_diving: 'other', dynamic_apnea: 'other', sail_race: 'other', indoor_climbing: 'other', bouldering: 'other',
  indoor_grinding: 'other', hunting_with_dogs: 'other', esport: 'other', pickleball: 'other', padel: 'other',
  ultimate: 'other', platform: 'other', squash: 'other', badminton: 'other', racquetball: 'other',
  table_tennis: 'other', trolling_motor: 'other', fly_canopy: 'other', fly_paraglide: 'other',
  fly_paramotor: 'other', fly_pressurized: 'other', fly_navigate: 'other', fly_timer: 'other',
  fly_altimeter: 'other', fly_wx: 'other', fly_vfr: 'other', fly_ifr: 'other', rally: 'other',
}

/** Sports that hold many kinds of session: their sub-sport says which (FIT `training`/`yoga`). */
export const CONTAINERS: ReadonlySet<string> = new Set(['generic', 'all', 'multisport', 'fitness_equipment', 'training'])
