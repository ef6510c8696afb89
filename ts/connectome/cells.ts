// Which cell a name in a connectome table stands for. The tables name neurons, muscles and (Cook
// et al. 2019, White et al. 1986) other cells such as the hypodermis and glia, and spell some
// names differently; a loader must tell them apart to keep neurons and neuromuscular synapses
// and leave the rest, and must refuse a name it does not know rather than guess.
import { shown } from '../errors.js';
import { rowError, type TableRow } from './table.js';

/**
 * The 302 neurons of the C. elegans hermaphrodite as WormAtlas names them: the 300 that
 * OpenWorm's tables (Varshney et al. 2011) name, and CANL and CANR, which have no synapses.
 */
const NEURONS: ReadonlySet<string> = new Set(`
  ADAL ADAR ADEL ADER ADFL ADFR ADLL ADLR AFDL AFDR AIAL AIAR AIBL AIBR AIML AIMR AINL AINR AIYL AIYR AIZL AIZR
  ALA ALML ALMR ALNL ALNR AQR AS1 AS2 AS3 AS4 AS5 AS6 AS7 AS8 AS9 AS10 AS11 ASEL ASER ASGL ASGR ASHL ASHR ASIL
  ASIR ASJL ASJR ASKL ASKR AUAL AUAR AVAL AVAR AVBL AVBR AVDL AVDR AVEL AVER AVFL AVFR AVG AVHL AVHR AVJL AVJR
  AVKL AVKR AVL AVM AWAL AWAR AWBL AWBR AWCL AWCR BAGL BAGR BDUL BDUR CANL CANR CEPDL CEPDR CEPVL CEPVR
  DA1 DA2 DA3 DA4 DA5 DA6 DA7 DA8 DA9 DB1 DB2 DB3 DB4 DB5 DB6 DB7 DD1 DD2 DD3 DD4 DD5 DD6 DVA DVB DVC FLPL FLPR
  HSNL HSNR I1L I1R I2L I2R I3 I4 I5 I6 IL1DL IL1DR IL1L IL1R IL1VL IL1VR IL2DL IL2DR IL2L IL2R IL2VL IL2VR
  LUAL LUAR M1 M2L M2R M3L M3R M4 M5 MCL MCR MI NSML NSMR OLLL OLLR OLQDL OLQDR OLQVL OLQVR PDA PDB PDEL PDER
  PHAL PHAR PHBL PHBR PHCL PHCR PLML PLMR PLNL PLNR PQR PVCL PVCR PVDL PVDR PVM PVNL PVNR PVPL PVPR PVQL PVQR
  PVR PVT PVWL PVWR RIAL RIAR RIBL RIBR RICL RICR RID RIFL RIFR RIGL RIGR RIH RIML RIMR RIPL RIPR RIR RIS RIVL
  RIVR RMDDL RMDDR RMDL RMDR RMDVL RMDVR RMED RMEL RMER RMEV RMFL RMFR RMGL RMGR RMHL RMHR SAADL SAADR SAAVL
  SAAVR SABD SABVL SABVR SDQL SDQR SIADL SIADR SIAVL SIAVR SIBDL SIBDR SIBVL SIBVR SMBDL SMBDR SMBVL SMBVR
  SMDDL SMDDR SMDVL SMDVR URADL URADR URAVL URAVR URBL URBR URXL URXR URYDL URYDR URYVL URYVR
  VA1 VA2 VA3 VA4 VA5 VA6 VA7 VA8 VA9 VA10 VA11 VA12 VB1 VB2 VB3 VB4 VB5 VB6 VB7 VB8 VB9 VB10 VB11
  VC1 VC2 VC3 VC4 VC5 VC6 VD1 VD2 VD3 VD4 VD5 VD6 VD7 VD8 VD9 VD10 VD11 VD12 VD13
`.trim().split(/\s+/));

/**
 * Muscles: body-wall muscles as OpenWorm names them (MDL01 ... MVR24; White's table lumps them
 * as LegacyBodyWallMuscles), the vulval and anal muscles (OpenWorm's MVULVA, MANAL), and Cook
 * et al.'s pharyngeal (pm1d ..., White's pm1), uterine and vulval (um1aL, vm1aL), anal
 * depressor, sphincter and intestinal (intL, intR) muscles.
 */
const MUSCLE = /^(?:M[DV][LR](?:0[1-9]|1\d|2[0-4])|MVULVA|MANAL|LegacyBodyWallMuscles|pm\d[a-z]*|[uv]m\d[ap][LR]|anal|sph|int[LR])$/;

/** Other cells that tables name: hypodermis, intestine, pharyngeal marginal cells, GLR glia. */
const OTHER_CELL = /^(?:hyp|intestine|mc\d[a-z]+|GLR[DV]?[LR])$/;

export type CellKind = 'neuron' | 'muscle' | 'other cell';

/** What a (canonical) name is; undefined: a name this loader does not know. */
function cellKind(name: string): CellKind | undefined {
  if (NEURONS.has(name)) return 'neuron';
  if (MUSCLE.test(name)) return 'muscle';
  if (OTHER_CELL.test(name)) return 'other cell';
  return undefined;
}

/**
 * A name as WormAtlas and OpenWorm write it, so the sources share one set of names: Cook et al.
 * pad the ventral cord motor neurons' numbers (VA01 is VA1) and write body-wall muscles as
 * dBWML1 (MDL01).
 */
function canonicalCellName(name: string): string {
  const motor = /^(AS|DA|DB|DD|VA|VB|VC|VD)0(\d)$/.exec(name);
  if (motor) return motor[1]! + motor[2]!;
  const bodyWall = /^([dv])BWM([LR])(\d\d?)$/.exec(name);
  if (bodyWall) return `M${bodyWall[1]!.toUpperCase()}${bodyWall[2]!}${bodyWall[3]!.padStart(2, '0')}`;
  return name;
}

/** The cell a row's column names, canonical; a name this loader does not know is an error. */
export function cellIn(row: TableRow, column: string): { name: string; kind: CellKind } {
  const name = canonicalCellName(row.cells[column]!);
  const kind = cellKind(name);
  if (!kind) rowError(row, `column ${shown(column)}: ${shown(name)} is not a C. elegans hermaphrodite neuron, muscle or other cell that this loader knows`);
  return { name, kind };
}
