// The built-in formulary: substances (DCB) with their synonyms and the classes
// an allergy may name, and brand names sold in Brazil mapped to their active
// ingredients. Admins add more through FormularyEntry (admin API).
//
// Sources (public facts, not copied text): substance names follow the
// Denominações Comuns Brasileiras; brand -> active ingredient pairs are those
// of ANVISA's register of medicines (consultas.anvisa.gov.br, "Consulta de
// medicamentos", and the open data set "Medicamentos registrados no Brasil");
// which substances are controlled comes from Portaria SVS/MS 344/1998 Anexo I
// and RDC 471/2021 Anexo I, kept in controlled-drugs-seed.ts. Review against
// ANVISA's current register before relying on a pair; see docs/documents.md.

/** Classes an allergy record may name ("alérgico a penicilina", "AINEs"). */
export type DrugClass =
  | "penicilinas" | "cefalosporinas" | "carbapenemicos" | "macrolideos" | "quinolonas" | "sulfonamidas"
  | "tetraciclinas" | "aminoglicosideos" | "aines" | "pirazolonas" | "salicilatos" | "opioides"
  | "benzodiazepinicos" | "anticonvulsivantes aromaticos" | "ieca";

export interface SubstanceData {
  /** DCB, lower case with accents: "dipirona". */
  name: string;
  synonyms?: readonly string[];
  classes?: readonly DrugClass[];
}

const s = (name: string, classes: readonly DrugClass[] = [], synonyms: readonly string[] = []): SubstanceData => ({ name, classes, synonyms });

export const SUBSTANCES: readonly SubstanceData[] = [
  // Analgesics, anti-inflammatories
  s("dipirona", ["pirazolonas", "aines"], ["metamizol", "dipirona sódica", "dipirona monoidratada"]),
  s("paracetamol", [], ["acetaminofeno", "acetaminofen"]),
  s("ácido acetilsalicílico", ["salicilatos", "aines"], ["aas", "aspirina"]),
  s("ibuprofeno", ["aines"]), s("cetoprofeno", ["aines"]), s("diclofenaco", ["aines"], ["diclofenaco sódico", "diclofenaco potássico"]),
  s("naproxeno", ["aines"]), s("nimesulida", ["aines"]), s("meloxicam", ["aines"]), s("piroxicam", ["aines"]),
  s("celecoxibe", ["aines"]), s("etoricoxibe", ["aines"]), s("cetorolaco", ["aines"]), s("ácido mefenâmico", ["aines"]),
  s("tenoxicam", ["aines"]), s("indometacina", ["aines"]),
  s("codeína", ["opioides"]), s("tramadol", ["opioides"]), s("morfina", ["opioides"]), s("oxicodona", ["opioides"]),
  s("metadona", ["opioides"]), s("fentanila", ["opioides"], ["fentanil"]), s("tapentadol", ["opioides"]),
  s("ciclobenzaprina"), s("orfenadrina"), s("escopolamina", [], ["butilbrometo de escopolamina", "hioscina"]),
  // Antimicrobials
  s("amoxicilina", ["penicilinas"]), s("ampicilina", ["penicilinas"]), s("benzilpenicilina", ["penicilinas"], ["penicilina", "penicilina g benzatina"]),
  s("oxacilina", ["penicilinas"]), s("clavulanato de potássio", [], ["clavulanato", "ácido clavulânico"]),
  s("piperacilina", ["penicilinas"]), s("tazobactam"), s("sulbactam"),
  s("cefalexina", ["cefalosporinas"]), s("cefadroxila", ["cefalosporinas"]), s("cefaclor", ["cefalosporinas"]),
  s("cefuroxima", ["cefalosporinas"], ["axetilcefuroxima"]), s("ceftriaxona", ["cefalosporinas"]), s("cefazolina", ["cefalosporinas"]),
  s("cefepima", ["cefalosporinas"]), s("cefprozila", ["cefalosporinas"]), s("cefpodoxima", ["cefalosporinas"]),
  s("meropeném", ["carbapenemicos"], ["meropenem"]), s("ertapeném", ["carbapenemicos"], ["ertapenem"]),
  s("azitromicina", ["macrolideos"]), s("claritromicina", ["macrolideos"]), s("eritromicina", ["macrolideos"]), s("roxitromicina", ["macrolideos"]),
  s("ciprofloxacino", ["quinolonas"], ["ciprofloxacina"]), s("levofloxacino", ["quinolonas"], ["levofloxacina"]),
  s("moxifloxacino", ["quinolonas"], ["moxifloxacina"]), s("norfloxacino", ["quinolonas"], ["norfloxacina"]), s("ofloxacino", ["quinolonas"]),
  s("sulfametoxazol", ["sulfonamidas"]), s("trimetoprima"), s("sulfadiazina", ["sulfonamidas"]),
  s("doxiciclina", ["tetraciclinas"]), s("tetraciclina", ["tetraciclinas"]), s("minociclina", ["tetraciclinas"]),
  s("gentamicina", ["aminoglicosideos"]), s("amicacina", ["aminoglicosideos"]),
  s("clindamicina"), s("metronidazol"), s("secnidazol"), s("tinidazol"), s("nitrofurantoína"), s("fosfomicina"),
  s("linezolida"), s("vancomicina"), s("cefotaxima", ["cefalosporinas"]), s("ceftazidima", ["cefalosporinas"]),
  s("lincomicina"), s("cloranfenicol"),
  // Controlled: benzodiazepines, hypnotics, stimulants, anorectics
  s("alprazolam", ["benzodiazepinicos"]), s("bromazepam", ["benzodiazepinicos"]), s("clonazepam", ["benzodiazepinicos"]),
  s("clobazam", ["benzodiazepinicos"]), s("cloxazolam", ["benzodiazepinicos"]), s("diazepam", ["benzodiazepinicos"]),
  s("lorazepam", ["benzodiazepinicos"]), s("midazolam", ["benzodiazepinicos"]), s("flunitrazepam", ["benzodiazepinicos"]),
  s("nitrazepam", ["benzodiazepinicos"]), s("estazolam", ["benzodiazepinicos"]),
  s("zolpidem"), s("zopiclona"), s("eszopiclona"), s("fenobarbital"),
  s("nalbufina", ["opioides"]), s("petidina", ["opioides"], ["meperidina"]), s("hidromorfona", ["opioides"]),
  s("metilfenidato"), s("lisdexanfetamina"), s("anfetamina"), s("mazindol"), s("modafinila"), s("sibutramina"), s("anfepramona"), s("femproporex"),
  // Controlled C1: antidepressants, antipsychotics, anticonvulsants
  s("mirtazapina"), s("amitriptilina"), s("nortriptilina"), s("imipramina"), s("clomipramina"), s("fluoxetina"),
  s("sertralina"), s("paroxetina"), s("citalopram"), s("escitalopram"), s("fluvoxamina"), s("venlafaxina"),
  s("desvenlafaxina"), s("duloxetina"), s("bupropiona"), s("trazodona"), s("vortioxetina"), s("agomelatina"), s("tianeptina"),
  s("quetiapina"), s("olanzapina"), s("risperidona"), s("aripiprazol"), s("haloperidol"), s("clorpromazina"),
  s("levomepromazina"), s("ziprasidona"), s("clozapina"), s("paliperidona"), s("lurasidona"), s("sulpirida"), s("amissulprida"),
  s("biperideno"),
  s("carbamazepina", ["anticonvulsivantes aromaticos"]), s("oxcarbazepina", ["anticonvulsivantes aromaticos"]),
  s("fenitoína", ["anticonvulsivantes aromaticos"]), s("lamotrigina"), s("topiramato"), s("levetiracetam"),
  s("ácido valproico", [], ["valproato", "valproato de sódio", "divalproato de sódio", "divalproato"]),
  s("gabapentina"), s("pregabalina"), s("lacosamida"), s("carbonato de lítio", [], ["lítio"]),
  s("isotretinoína"), s("acitretina"), s("talidomida"), s("testosterona"), s("oxandrolona"), s("nandrolona"), s("estanozolol"),
  s("semaglutida"), s("liraglutida"), s("tirzepatida"), s("dulaglutida"),
  // Common non-controlled drugs
  s("losartana", [], ["losartana potássica", "losartan"]), s("enalapril", ["ieca"], ["maleato de enalapril"]), s("captopril", ["ieca"]),
  s("anlodipino", [], ["besilato de anlodipino", "amlodipina"]), s("hidroclorotiazida"), s("clortalidona"), s("atenolol"),
  s("propranolol"), s("carvedilol"), s("metoprolol", [], ["succinato de metoprolol"]), s("espironolactona"), s("furosemida"),
  s("valsartana"), s("olmesartana"),
  s("metformina", [], ["cloridrato de metformina"]), s("glibenclamida"), s("gliclazida"), s("insulina nph"), s("insulina regular"),
  s("sinvastatina"), s("atorvastatina"), s("rosuvastatina"), s("levotiroxina", [], ["levotiroxina sódica"]),
  s("omeprazol"), s("pantoprazol"), s("esomeprazol"), s("ranitidina"), s("domperidona"), s("metoclopramida"),
  s("ondansetrona"), s("dimenidrinato"), s("bromoprida"), s("simeticona"), s("lactulose"), s("loperamida"),
  s("loratadina"), s("desloratadina"), s("cetirizina"), s("levocetirizina"), s("fexofenadina"), s("dexclorfeniramina"),
  s("hidroxizina"), s("prometazina"),
  s("prednisona"), s("prednisolona"), s("dexametasona"), s("betametasona"), s("hidrocortisona"),
  s("salbutamol"), s("budesonida"), s("formoterol"), s("beclometasona"), s("montelucaste"),
  s("fluconazol"), s("itraconazol"), s("nistatina"), s("miconazol"), s("cetoconazol"), s("terbinafina"),
  s("aciclovir"), s("valaciclovir"), s("oseltamivir"), s("albendazol"), s("mebendazol"), s("ivermectina"), s("nitazoxanida"),
  s("sulfato ferroso"), s("ácido fólico"), s("colecalciferol", [], ["vitamina d", "vitamina d3"]), s("cianocobalamina", [], ["vitamina b12"]),
  s("varfarina"), s("clopidogrel"), s("rivaroxabana"), s("apixabana"),
  s("alopurinol"), s("colchicina"), s("sildenafila"), s("tadalafila"), s("tansulosina"), s("finasterida"),
  s("etinilestradiol"), s("levonorgestrel"), s("desogestrel"), s("progesterona"), s("estradiol"),
  s("soro fisiológico", [], ["cloreto de sódio 0,9%"]),
];

/** Brand -> active ingredients (DCB names above). */
export const BRANDS: readonly (readonly [brand: string, substances: readonly string[]])[] = [
  // Portaria 344/98 lists A1-A3, B1-B2
  ["Rivotril", ["clonazepam"]], ["Klonopin", ["clonazepam"]], ["Frontal", ["alprazolam"]], ["Apraz", ["alprazolam"]],
  ["Lexotan", ["bromazepam"]], ["Valium", ["diazepam"]], ["Dienpax", ["diazepam"]], ["Dormonid", ["midazolam"]],
  ["Lorax", ["lorazepam"]], ["Urbanil", ["clobazam"]], ["Frisium", ["clobazam"]], ["Olcadil", ["cloxazolam"]],
  ["Rohypnol", ["flunitrazepam"]], ["Stilnox", ["zolpidem"]], ["Patz", ["zolpidem"]], ["Imovane", ["zopiclona"]],
  ["Gardenal", ["fenobarbital"]], ["Ritalina", ["metilfenidato"]], ["Concerta", ["metilfenidato"]],
  ["Venvanse", ["lisdexanfetamina"]], ["Stavigile", ["modafinila"]],
  ["Tramal", ["tramadol"]], ["Tylex", ["paracetamol", "codeína"]], ["Codex", ["codeína"]], ["Paco", ["paracetamol", "codeína"]],
  ["Dimorf", ["morfina"]], ["Oxycontin", ["oxicodona"]], ["Mytedom", ["metadona"]], ["Durogesic", ["fentanila"]],
  ["Sibus", ["sibutramina"]],
  // C1
  ["Remeron", ["mirtazapina"]], ["Menelat", ["mirtazapina"]], ["Amytril", ["amitriptilina"]], ["Tryptanol", ["amitriptilina"]],
  ["Pamelor", ["nortriptilina"]], ["Tofranil", ["imipramina"]], ["Anafranil", ["clomipramina"]],
  ["Prozac", ["fluoxetina"]], ["Daforin", ["fluoxetina"]], ["Zoloft", ["sertralina"]], ["Tolrest", ["sertralina"]],
  ["Assert", ["sertralina"]], ["Paxil", ["paroxetina"]], ["Pondera", ["paroxetina"]], ["Cipramil", ["citalopram"]],
  ["Lexapro", ["escitalopram"]], ["Reconter", ["escitalopram"]], ["Luvox", ["fluvoxamina"]], ["Efexor", ["venlafaxina"]],
  ["Pristiq", ["desvenlafaxina"]], ["Cymbalta", ["duloxetina"]], ["Velija", ["duloxetina"]], ["Wellbutrin", ["bupropiona"]],
  ["Zetron", ["bupropiona"]], ["Donaren", ["trazodona"]], ["Brintellix", ["vortioxetina"]], ["Valdoxan", ["agomelatina"]],
  ["Stablon", ["tianeptina"]], ["Seroquel", ["quetiapina"]], ["Zyprexa", ["olanzapina"]], ["Risperdal", ["risperidona"]],
  ["Abilify", ["aripiprazol"]], ["Haldol", ["haloperidol"]], ["Amplictil", ["clorpromazina"]], ["Neozine", ["levomepromazina"]],
  ["Geodon", ["ziprasidona"]], ["Leponex", ["clozapina"]], ["Invega", ["paliperidona"]], ["Latuda", ["lurasidona"]],
  ["Equilid", ["sulpirida"]], ["Socian", ["amissulprida"]], ["Akineton", ["biperideno"]],
  ["Tegretol", ["carbamazepina"]], ["Trileptal", ["oxcarbazepina"]], ["Hidantal", ["fenitoína"]], ["Lamictal", ["lamotrigina"]],
  ["Topamax", ["topiramato"]], ["Keppra", ["levetiracetam"]], ["Depakene", ["ácido valproico"]], ["Depakote", ["ácido valproico"]],
  ["Neurontin", ["gabapentina"]], ["Lyrica", ["pregabalina"]], ["Vimpat", ["lacosamida"]], ["Carbolitium", ["carbonato de lítio"]],
  // C2, C3, C5 and GLP-1 agonists (retention)
  ["Roacutan", ["isotretinoína"]], ["Neotigason", ["acitretina"]], ["Durateston", ["testosterona"]], ["Deposteron", ["testosterona"]],
  ["Nebido", ["testosterona"]], ["Androgel", ["testosterona"]],
  ["Ozempic", ["semaglutida"]], ["Wegovy", ["semaglutida"]], ["Rybelsus", ["semaglutida"]], ["Victoza", ["liraglutida"]],
  ["Saxenda", ["liraglutida"]], ["Mounjaro", ["tirzepatida"]], ["Trulicity", ["dulaglutida"]],
  // Antimicrobials under retention (RDC 471/2021)
  ["Amoxil", ["amoxicilina"]], ["Novocilin", ["amoxicilina"]], ["Clavulin", ["amoxicilina", "clavulanato de potássio"]],
  ["Policlavumoxil", ["amoxicilina", "clavulanato de potássio"]], ["Benzetacil", ["benzilpenicilina"]],
  ["Zitromax", ["azitromicina"]], ["Azi", ["azitromicina"]], ["Astro", ["azitromicina"]], ["Klaricid", ["claritromicina"]],
  ["Keflex", ["cefalexina"]], ["Cefamox", ["cefadroxila"]], ["Ceclor", ["cefaclor"]], ["Zinnat", ["cefuroxima"]],
  ["Rocefin", ["ceftriaxona"]], ["Cipro", ["ciprofloxacino"]], ["Levaquin", ["levofloxacino"]], ["Tavanic", ["levofloxacino"]],
  ["Avalox", ["moxifloxacino"]], ["Floxacin", ["norfloxacino"]], ["Bactrim", ["sulfametoxazol", "trimetoprima"]],
  ["Dalacin", ["clindamicina"]], ["Flagyl", ["metronidazol"]], ["Macrodantina", ["nitrofurantoína"]], ["Monuril", ["fosfomicina"]],
  ["Vibramicina", ["doxiciclina"]], ["Zyvox", ["linezolida"]], ["Secnidal", ["secnidazol"]],
  // Common non-controlled drugs
  ["Novalgina", ["dipirona"]], ["Anador", ["dipirona"]], ["Dorflex", ["dipirona", "orfenadrina"]],
  ["Buscopan", ["escopolamina"]], ["Buscopan Composto", ["escopolamina", "dipirona"]],
  ["Tylenol", ["paracetamol"]], ["Aspirina", ["ácido acetilsalicílico"]], ["Advil", ["ibuprofeno"]], ["Alivium", ["ibuprofeno"]],
  ["Buscofem", ["ibuprofeno"]], ["Profenid", ["cetoprofeno"]], ["Voltaren", ["diclofenaco"]], ["Cataflam", ["diclofenaco"]],
  ["Nisulid", ["nimesulida"]], ["Flanax", ["naproxeno"]], ["Arcoxia", ["etoricoxibe"]], ["Celebra", ["celecoxibe"]],
  ["Toragesic", ["cetorolaco"]], ["Ponstan", ["ácido mefenâmico"]], ["Miosan", ["ciclobenzaprina"]],
  ["Cozaar", ["losartana"]], ["Aradois", ["losartana"]], ["Renitec", ["enalapril"]], ["Capoten", ["captopril"]],
  ["Norvasc", ["anlodipino"]], ["Glifage", ["metformina"]], ["Daonil", ["glibenclamida"]], ["Diamicron", ["gliclazida"]],
  ["Zocor", ["sinvastatina"]], ["Lipitor", ["atorvastatina"]], ["Crestor", ["rosuvastatina"]], ["Puran T4", ["levotiroxina"]],
  ["Synthroid", ["levotiroxina"]], ["Euthyrox", ["levotiroxina"]], ["Losec", ["omeprazol"]], ["Pantozol", ["pantoprazol"]],
  ["Nexium", ["esomeprazol"]], ["Motilium", ["domperidona"]], ["Plasil", ["metoclopramida"]], ["Vonau", ["ondansetrona"]],
  ["Dramin", ["dimenidrinato"]], ["Digesan", ["bromoprida"]], ["Luftal", ["simeticona"]], ["Imosec", ["loperamida"]],
  ["Claritin", ["loratadina"]], ["Desalex", ["desloratadina"]], ["Zyrtec", ["cetirizina"]], ["Zyxem", ["levocetirizina"]],
  ["Allegra", ["fexofenadina"]], ["Polaramine", ["dexclorfeniramina"]], ["Hixizine", ["hidroxizina"]], ["Fenergan", ["prometazina"]],
  ["Meticorten", ["prednisona"]], ["Predsim", ["prednisolona"]], ["Decadron", ["dexametasona"]], ["Celestone", ["betametasona"]],
  ["Aerolin", ["salbutamol"]], ["Pulmicort", ["budesonida"]], ["Singulair", ["montelucaste"]],
  ["Zoltec", ["fluconazol"]], ["Sporanox", ["itraconazol"]], ["Micostatin", ["nistatina"]], ["Zovirax", ["aciclovir"]],
  ["Valtrex", ["valaciclovir"]], ["Tamiflu", ["oseltamivir"]], ["Zentel", ["albendazol"]], ["Annita", ["nitazoxanida"]],
  ["Marevan", ["varfarina"]], ["Plavix", ["clopidogrel"]], ["Xarelto", ["rivaroxabana"]], ["Eliquis", ["apixabana"]],
  ["Zyloric", ["alopurinol"]], ["Viagra", ["sildenafila"]], ["Cialis", ["tadalafila"]], ["Secotex", ["tansulosina"]],
  ["Proscar", ["finasterida"]], ["Aldactone", ["espironolactona"]], ["Lasix", ["furosemida"]], ["Diovan", ["valsartana"]],
  ["Benicar", ["olmesartana"]], ["Selozok", ["metoprolol"]],
];

/** Words an allergy record uses for a class: "alérgico a penicilina", "AINEs", "sulfa". */
export const CLASS_WORDS: readonly (readonly [word: string, classes: readonly DrugClass[]])[] = [
  ["penicilina", ["penicilinas"]], ["penicilinas", ["penicilinas"]], ["penicilinicos", ["penicilinas"]],
  ["betalactamico", ["penicilinas", "cefalosporinas", "carbapenemicos"]], ["betalactamicos", ["penicilinas", "cefalosporinas", "carbapenemicos"]],
  ["beta lactamicos", ["penicilinas", "cefalosporinas", "carbapenemicos"]],
  ["cefalosporina", ["cefalosporinas"]], ["cefalosporinas", ["cefalosporinas"]],
  ["macrolideo", ["macrolideos"]], ["macrolideos", ["macrolideos"]],
  ["quinolona", ["quinolonas"]], ["quinolonas", ["quinolonas"]], ["fluoroquinolonas", ["quinolonas"]],
  ["sulfa", ["sulfonamidas"]], ["sulfas", ["sulfonamidas"]], ["sulfonamida", ["sulfonamidas"]], ["sulfonamidas", ["sulfonamidas"]],
  ["tetraciclinas", ["tetraciclinas"]], ["aminoglicosideos", ["aminoglicosideos"]],
  ["aine", ["aines"]], ["aines", ["aines"]], ["anti inflamatorio", ["aines"]], ["anti inflamatorios", ["aines"]],
  ["antiinflamatorios", ["aines"]], ["antiinflamatorio", ["aines"]], ["pirazolonas", ["pirazolonas"]],
  ["salicilatos", ["salicilatos"]], ["opioide", ["opioides"]], ["opioides", ["opioides"]], ["opiaceos", ["opioides"]],
  ["benzodiazepinicos", ["benzodiazepinicos"]], ["benzodiazepinico", ["benzodiazepinicos"]],
];
