/**
 * Push_Commandes on Urcoopa's side: parse jCommande, validate it, refuse order numbers already
 * received, keep everything it was sent. Answers are free text, as the real service's are.
 */
import { HEAD_OFFICE_DEPOT, MEMBERS, PRODUCTS, STORES, UNKNOWN_STORE } from '../world/catalogue';

export interface UrcoopaOrderLine {
  Numero_ligne: number;
  Code_Produit: string;
  Libelle_Produit?: string;
  Quantite_Commandee: number;
  Unite_Commande: 'UN' | 'KG' | 'TO';
}

export interface UrcoopaOrder {
  Societe: string;
  Code_Client: string;
  Numero_Commande: string;
  Nom_Client?: string;
  Code_Adresse_Livraison?: string;
  Commentaire?: string;
  Date_Livraison_Souhaitee: string;
  Num_Telephone?: string;
  Email?: string;
  Ligne_Commande: UrcoopaOrderLine[];
}

export interface ReceivedOrder {
  /** ISO timestamp of reception. */
  receivedAt: string;
  /** The jCommande string exactly as received. */
  jCommande: string;
  /** The order (one element of `commande`), or null when jCommande could not be read. */
  order: UrcoopaOrder | null;
  numeroCommande: string | null;
  codeClient: string | null;
  /** The text answered for this order. */
  answer: string;
  /** Registered (an acknowledgement was answered). */
  accepted: boolean;
}

// Urcoopa knows every customer it bills, including the store sic_depot lacks (UNKNOWN_STORE).
const KNOWN_CLIENTS = new Set([
  ...STORES.map((s) => s.codeUrcoopa),
  HEAD_OFFICE_DEPOT.codeUrcoopa,
  UNKNOWN_STORE.codeUrcoopa,
  ...MEMBERS.map((m) => m.code),
]);
const KNOWN_PRODUCTS = new Set(PRODUCTS.map((p) => p.code));
const UNITS = new Set(['UN', 'KG', 'TO']);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** The first problem of one order, or null when Urcoopa would take it. */
function problemOf(order: Json): string | null {
  for (const field of ['Societe', 'Code_Client', 'Numero_Commande', 'Date_Livraison_Souhaitee']) {
    if (text(order[field]) === null) return `ERREUR : champ ${field} manquant`;
  }
  if (order.Societe !== 'UR') return `ERREUR : Societe ${String(order.Societe)} inconnue`;
  if (!/^\d{8}$/.test(String(order.Date_Livraison_Souhaitee))) {
    return `ERREUR : Date_Livraison_Souhaitee ${String(order.Date_Livraison_Souhaitee)} invalide (AAAAMMJJ attendu)`;
  }
  if (!KNOWN_CLIENTS.has(String(text(order.Code_Client))))
    return `ERREUR : Client N°${text(order.Code_Client)} inconnu`;
  const lines = order.Ligne_Commande;
  if (!Array.isArray(lines) || lines.length === 0) return 'ERREUR : champ Ligne_Commande manquant ou vide';
  for (let i = 0; i < lines.length; i++) {
    const line: unknown = lines[i];
    if (!isObject(line)) return `ERREUR : ligne ${i + 1} invalide`;
    if (!Number.isInteger(line.Numero_ligne)) return `ERREUR : ligne ${i + 1} : champ Numero_ligne manquant`;
    const code = text(line.Code_Produit);
    if (code === null) return `ERREUR : ligne ${i + 1} : champ Code_Produit manquant`;
    const qty = line.Quantite_Commandee;
    if (typeof qty !== 'number' || !(qty > 0)) return `ERREUR : ligne ${i + 1} : Quantite_Commandee invalide`;
    if (!UNITS.has(String(line.Unite_Commande))) {
      return `ERREUR : ligne ${i + 1} : Unite_Commande ${String(line.Unite_Commande)} invalide`;
    }
    if (!KNOWN_PRODUCTS.has(code)) return `ERREUR : Article ${code} inconnu`;
  }
  return null;
}

/** Handles one jCommande; records what was received in `received` and returns the answer text. */
export function receiveOrders(jCommande: string, received: ReceivedOrder[], now = new Date()): string {
  const receivedAt = now.toISOString();
  const reject = (answer: string, order: Json | null = null): string => {
    received.push({
      receivedAt,
      jCommande,
      order: order as UrcoopaOrder | null,
      numeroCommande: order ? text(order.Numero_Commande) : null,
      codeClient: order ? text(order.Code_Client) : null,
      answer,
      accepted: false,
    });
    return answer;
  };

  let parsed: unknown;
  try {
    parsed = JSON.parse(jCommande);
  } catch (error) {
    return reject(`ERREUR : jCommande n'est pas un JSON valide (${(error as Error).message})`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed.commande) || parsed.commande.length === 0) {
    return reject('ERREUR : jCommande doit contenir {"commande":[...]} avec au moins une commande');
  }

  const answers = (parsed.commande as unknown[]).map((entry) => {
    if (!isObject(entry)) return reject('ERREUR : commande invalide');
    const problem = problemOf(entry);
    if (problem) return reject(problem, entry);
    const numero = text(entry.Numero_Commande) as string;
    if (received.some((r) => r.accepted && r.numeroCommande === numero)) {
      return reject(`ERREUR : commande ${numero} déjà enregistrée`, entry);
    }
    const answer = `Commande ${numero} enregistrée`;
    received.push({
      receivedAt,
      jCommande,
      order: entry as unknown as UrcoopaOrder,
      numeroCommande: numero,
      codeClient: text(entry.Code_Client),
      answer,
      accepted: true,
    });
    return answer;
  });
  return answers.join('\n');
}
