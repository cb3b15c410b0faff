import type { ControlledDrug } from "./document-types.js";

// Initial content of the controlled-drug table. This is data, not code: the
// product stores it and admins update it as Anvisa changes the lists. Names
// are DCB, matched without accents or case (see find-controlled-drugs.ts);
// brand names reach them through the formulary (prescription/formulary-data.ts).
// Sources: Portaria SVS/MS 344/1998 Anexo I as updated by Anvisa's RDCs (lists
// A1-C5), RDC 471/2021 Anexo I (antimicrobials) and Anvisa's 2025 decision to
// retain prescriptions of GLP-1 agonists. The migrations insert these rows;
// a new name here needs a migration too (test/formulary-db.test.ts checks).

const antimicrobial = (name: string): ControlledDrug => ({ name, class: "antimicrobial", list: "RDC 471/2021", rule: "sncr_only" });
const specialControl = (list: string) => (name: string): ControlledDrug => ({ name, class: "special_control", list, rule: "sncr_only" });
// Notificação de Receita A (A1-A3), B (B1) and B2, systemic retinoids (C2)
// and talidomida (C3) cannot be electronic outside SNCR at all.
const notification = (list: string) => (name: string): ControlledDrug => ({ name, class: "notification", list, rule: "never" });

export const controlledDrugsSeed: readonly ControlledDrug[] = [
  ...[
    "amoxicilina", "ampicilina", "azitromicina", "benzilpenicilina", "cefaclor", "cefadroxila", "cefalexina",
    "cefazolina", "cefepima", "cefotaxima", "cefprozila", "ceftriaxona", "cefuroxima", "ciprofloxacino",
    "claritromicina", "clindamicina", "doxiciclina", "eritromicina", "fosfomicina", "gentamicina",
    "levofloxacino", "linezolida", "metronidazol", "minociclina", "moxifloxacino", "nitrofurantoína",
    "norfloxacino", "ofloxacino", "oxacilina", "penicilina", "secnidazol", "sulfametoxazol", "tetraciclina",
    "tinidazol", "trimetoprima", "vancomicina",
    "roxitromicina", "cefpodoxima", "ceftazidima", "meropeném", "ertapeném", "piperacilina", "sulfadiazina",
    "amicacina", "lincomicina", "cloranfenicol",
  ].map(antimicrobial),
  ...["morfina", "oxicodona", "metadona", "fentanila", "petidina", "hidromorfona", "tapentadol"].map(notification("A1")),
  ...["codeína", "tramadol", "nalbufina"].map(notification("A2")),
  ...["metilfenidato", "lisdexanfetamina", "anfetamina"].map(notification("A3")),
  ...[
    "alprazolam", "bromazepam", "clobazam", "clonazepam", "cloxazolam", "diazepam", "estazolam",
    "flunitrazepam", "lorazepam", "midazolam", "nitrazepam", "zolpidem", "zopiclona", "fenobarbital",
  ].map(notification("B1")),
  ...["sibutramina", "anfepramona", "femproporex", "mazindol"].map(notification("B2")),
  ...[
    "amitriptilina", "bupropiona", "carbamazepina", "citalopram", "clomipramina", "clorpromazina",
    "duloxetina", "escitalopram", "fluoxetina", "gabapentina", "haloperidol", "lamotrigina", "carbonato de lítio",
    "nortriptilina", "olanzapina", "paroxetina", "pregabalina", "quetiapina", "risperidona", "sertralina",
    "topiramato", "trazodona", "valproato", "ácido valproico", "venlafaxina", "desvenlafaxina",
    "mirtazapina", "imipramina", "fluvoxamina", "vortioxetina", "agomelatina", "tianeptina", "aripiprazol",
    "ziprasidona", "clozapina", "paliperidona", "lurasidona", "levomepromazina", "sulpirida", "amissulprida",
    "biperideno", "oxcarbazepina", "fenitoína", "levetiracetam", "lacosamida", "divalproato de sódio",
  ].map(specialControl("C1")),
  ...["isotretinoína", "acitretina"].map(notification("C2")),
  notification("C3")("talidomida"),
  ...["testosterona", "nandrolona", "oxandrolona", "estanozolol"].map(specialControl("C5")),
  ...["semaglutida", "liraglutida", "tirzepatida", "dulaglutida"].map(specialControl("retenção GLP-1")),
];
