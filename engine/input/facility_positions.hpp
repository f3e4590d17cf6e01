// Where each facility component and each of its fields was written, for problems found after
// reading (graph checks, sizing, platform racks, event budgets).
#pragma once

#include "engine/base/diagnostics.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace aidcsim {

class FacilityPositions {
public:
  // The first position noted for an id and for each of its fields is kept.
  void note(const std::string& id, const std::string& field, const SourcePos& pos);
  // The field's position, else the component's, else an empty position.
  SourcePos of(const std::string& id, const std::string& field) const;
  // The component's position (the first noted for it).
  std::optional<SourcePos> find(const std::string& id) const;
  // The field's own position.
  std::optional<SourcePos> find(const std::string& id, const std::string& field) const;

private:
  // One id's notes in order, small: a facility of 200,000 loads has 200,000 ids, and a map of
  // "id.field" strings to full positions cost a node, a key and a file name per field.
  struct Note {
    std::uint16_t field = 0; // index into fields_
    std::uint16_t file = 0;  // index into files_
    int line = 0;
    int column = 0;
  };
  const Note* first_of(const std::string& id, const std::string* field) const;
  SourcePos position(const Note& n) const { return SourcePos{files_[n.file], n.line, n.column}; }
  static std::uint16_t index_in(std::vector<std::string>& words, const std::string& word);

  std::unordered_map<std::string, std::vector<Note>> by_id_;
  std::vector<std::string> fields_;
  std::vector<std::string> files_;
};

} // namespace aidcsim
