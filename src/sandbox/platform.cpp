#include "sandbox/platform.h"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "sandbox/analysis.h"
#include "sandbox/encoding.h"

namespace chorus::sandbox {

Answer FunctionalError(int code_retour, std::string libelle) {
  return {400, {{"codeRetour", code_retour}, {"libelle", std::move(libelle)}}};
}

nlohmann::json Success(bool factures) {
  return {{"codeRetour", 0},
          {"libelle", factures ? "GCU_MSG_01_000" : "TRA_MSG_00.000"}};
}

Platform::Platform(std::string state_file, std::chrono::milliseconds step)
    : state_file_(std::move(state_file)), step_(step) {}

Status Platform::Load() {
  if (state_file_.empty()) return Ok{};
  auto loaded = LoadState(state_file_);
  if (!loaded) return loaded.error();
  std::lock_guard lock(mu_);
  state_ = std::move(loaded).value();
  // Steps that were due while the sandbox was down run promptly, but one at
  // a time, as before.
  std::int64_t now = NowMs();
  for (auto& f : state_.flows) {
    if (!IsFinalFlowState(f.etat)) f.next_step_ms = now + step_.count();
  }
  for (auto& i : state_.invoices) {
    if (i.next_step_ms != 0) i.next_step_ms = now + step_.count();
  }
  return Ok{};
}

void Platform::Save() {
  std::lock_guard lock(mu_);
  SaveLocked();
}

void Platform::SaveLocked() {
  if (state_file_.empty()) return;
  Status saved = SaveState(state_file_, state_);
  if (!saved) spdlog::error("sandbox: {}", saved.error().message);
}

void Platform::Tick() {
  std::vector<std::string> to_finish;
  {
    std::lock_guard lock(mu_);
    std::int64_t now = NowMs();
    bool changed = false;
    for (auto& f : state_.flows) {
      if (IsFinalFlowState(f.etat) || f.next_step_ms > now) continue;
      if (f.etat == kFlowWaiting) {
        f.etat = kFlowReceived;
      } else if (f.etat == kFlowReceived) {
        f.etat = kFlowProcessing;
      } else {
        to_finish.push_back(f.numero);
        continue;
      }
      f.etat_ms = now;
      f.next_step_ms = now + step_.count();
      changed = true;
    }
    for (auto& i : state_.invoices) {
      if (i.next_step_ms == 0 || i.next_step_ms > now) continue;
      if (i.statut == kInvoiceDeposited) {
        i.statut = kInvoiceRouting;
        i.next_step_ms = now + step_.count();
      } else {
        i.statut = kInvoiceAvailable;
        i.next_step_ms = 0;
      }
      i.history.push_back({i.statut, now});
      changed = true;
    }
    if (changed) SaveLocked();
  }
  for (const auto& numero : to_finish) FinishFlow(numero);
}

void Platform::FinishFlow(const std::string& numero) {
  std::string file, syntaxe, nom;
  {
    std::lock_guard lock(mu_);
    FlowRecord* f = state_.FindFlow(numero);
    if (f == nullptr) return;
    file = f->file;
    syntaxe = f->syntaxe;
    nom = f->nom_fichier;
  }
  FlowAnalysis analysis = AnalyzeFlow(file, syntaxe, nom);

  std::lock_guard lock(mu_);
  FlowRecord* f = state_.FindFlow(numero);
  if (f == nullptr) return;
  std::int64_t now = NowMs();
  f->tech_errors = analysis.tech_errors;
  f->dp_errors.clear();
  for (auto& a : analysis.invoices) {
    if (!a.problems.empty()) {
      std::string text;
      for (const auto& p : a.problems) text += (text.empty() ? "" : " ; ") + p;
      f->dp_errors.push_back({a.record.numero, a.record.fournisseur_id,
                              a.record.destinataire_id, text});
      continue;
    }
    InvoiceRecord rec = std::move(a.record);
    rec.id = state_.next_invoice++;
    rec.numero_flux = f->numero;
    rec.deposited_ms = f->deposited_ms;
    rec.statut = kInvoiceDeposited;
    rec.history.push_back({kInvoiceDeposited, now});
    rec.next_step_ms = now + step_.count();
    f->invoice_ids.push_back(rec.id);
    state_.invoices.push_back(std::move(rec));
  }
  f->etat = FinalStateOf(analysis);
  f->etat_ms = now;
  f->next_step_ms = 0;
  spdlog::info("sandbox: flow {} -> {}", f->numero, f->etat);
  SaveLocked();
}

}  // namespace chorus::sandbox
