//===- IRGenDescriptor.cpp - The wk_module descriptor ---------------------===//
//
// Builds the constant `wasmkiln_module_<name>` of type wk_module and its
// private sub-arrays. The LLVM struct types below follow the C declarations
// of runtime-lib/include/wasmkiln/runtime.h member by member; non-packed
// LLVM structs have the x86-64 SysV layout, and checkLayout compares every
// member offset with offsetof so that a change to the header cannot go
// unnoticed.
//
//===----------------------------------------------------------------------===//

#include "IRGenInternal.h"

#include "wasmkiln/runtime.h"

#include <cstddef>

using namespace llvm;
using namespace wasmkiln;

// Globals' value types reach the runtime packed as ValType (runtime.h).
static_assert(RefNullByte == WK_REF_NULL && RefByte == WK_REF &&
                  AbstractHeapBase == WK_HEAP_ABSTRACT,
              "runtime.h and ValType.h pack reference types alike");

namespace {

class DescriptorBuilder {
public:
  DescriptorBuilder(ModuleGen &mg) : mg(mg) {
    Type *i32 = Type::getInt32Ty(mg.ctx), *i64 = Type::getInt64Ty(mg.ctx);
    Type *ptr = mg.ptrType();
    limitsTy = StructType::get(mg.ctx, {i64, i64, i32, i32});
    importTy =
        StructType::get(mg.ctx, {ptr, ptr, i32, i32, i32, i32, limitsTy, ptr});
    funcTy = StructType::get(mg.ctx, {ptr, ptr, i32, ptr});
    globalTy = StructType::get(mg.ctx, {i32, i32, i32, i32});
    exportTy = StructType::get(mg.ctx, {ptr, i32, i32, i32});
    tableTy = StructType::get(mg.ctx, {i32, limitsTy});
    moduleTy = StructType::get(mg.ctx,
                               {i32, i32, ptr, i32,      // abi .. instance_size
                                i32, ptr, i32, ptr,      // types, imports
                                i32, i32, ptr,           // funcs
                                i32, i32, ptr,           // tables
                                i32, i32, ptr,           // memories
                                i32, ptr, i32, ptr,      // globals, exports
                                i32, i32, i32, i32, i32, // offsets
                                ptr, ptr, i32, // type_entries, init, start_func
                                i32,           // interrupt_checks
                                i32, i32, ptr, i32, // tags
                                ptr});              // tail_code
  }

  Error checkLayouts();
  Constant *build(ArrayRef<Function *> thunks, Function *init);

private:
  Constant *i32(uint64_t v) {
    return ConstantInt::get(Type::getInt32Ty(mg.ctx), v);
  }
  Constant *i64(uint64_t v) {
    return ConstantInt::get(Type::getInt64Ty(mg.ctx), v);
  }
  Constant *null() { return Constant::getNullValue(mg.ptrType()); }
  Constant *limits(const Limits &l, uint32_t flags = 0) {
    return ConstantStruct::get(limitsTy, {i64(l.min), i64(l.max.value_or(0)),
                                          i32(l.max ? 1 : 0), i32(flags)});
  }
  static uint32_t limitsFlags(const TableType &t) {
    return t.is64 ? WK_LIMITS_I64 : 0;
  }
  static uint32_t limitsFlags(const MemoryType &m) {
    return (m.is64 ? WK_LIMITS_I64 : 0) |
           (m.pageSizeLog2 == 0 ? WK_LIMITS_PAGE_1 : 0) |
           (m.shared ? WK_LIMITS_SHARED : 0);
  }
  /// A private constant array, or null when empty.
  Constant *array(Type *elemTy, ArrayRef<Constant *> elems, StringRef name);
  Constant *typeSigs();
  Constant *imports();
  Constant *funcs(ArrayRef<Function *> thunks);
  Constant *tables();
  Constant *memories();
  Constant *globals();
  Constant *exports();
  Constant *tagTypes();

  ModuleGen &mg;
  StructType *limitsTy, *importTy, *funcTy, *globalTy, *exportTy, *tableTy,
      *moduleTy;
};

} // namespace

static Error checkLayout(const DataLayout &dl, StructType *type,
                         ArrayRef<size_t> offsets, size_t size,
                         StringRef name) {
  const StructLayout *sl = dl.getStructLayout(type);
  bool ok =
      sl->getSizeInBytes() == size && offsets.size() == type->getNumElements();
  for (size_t i = 0; ok && i < offsets.size(); ++i)
    ok = sl->getElementOffset(i) == offsets[i];
  if (ok)
    return Error::success();
  return createStringError(inconvertibleErrorCode(),
                           "internal error: the layout of " + name +
                               " disagrees with runtime.h");
}

#define OFF(T, m) offsetof(T, m)

Error DescriptorBuilder::checkLayouts() {
  const DataLayout &dl = mg.ir.getDataLayout();
  if (Error err = checkLayout(dl, limitsTy,
                              {OFF(wk_limits, min), OFF(wk_limits, max),
                               OFF(wk_limits, has_max), OFF(wk_limits, flags)},
                              sizeof(wk_limits), "wk_limits"))
    return err;
  if (Error err = checkLayout(
          dl, importTy,
          {OFF(wk_import_desc, module), OFF(wk_import_desc, field),
           OFF(wk_import_desc, kind), OFF(wk_import_desc, type_index),
           OFF(wk_import_desc, value_type), OFF(wk_import_desc, is_mutable),
           OFF(wk_import_desc, limits), OFF(wk_import_desc, static_code)},
          sizeof(wk_import_desc), "wk_import_desc"))
    return err;
  if (Error err =
          checkLayout(dl, funcTy,
                      {OFF(wk_func_desc, code), OFF(wk_func_desc, entry),
                       OFF(wk_func_desc, type_index), OFF(wk_func_desc, name)},
                      sizeof(wk_func_desc), "wk_func_desc"))
    return err;
  if (Error err = checkLayout(
          dl, globalTy,
          {OFF(wk_global_desc, value_type), OFF(wk_global_desc, is_mutable),
           OFF(wk_global_desc, is_imported), OFF(wk_global_desc, offset)},
          sizeof(wk_global_desc), "wk_global_desc"))
    return err;
  if (Error err = checkLayout(
          dl, exportTy,
          {OFF(wk_export_desc, name), OFF(wk_export_desc, kind),
           OFF(wk_export_desc, index), OFF(wk_export_desc, name_len)},
          sizeof(wk_export_desc), "wk_export_desc"))
    return err;
  if (Error err = checkLayout(
          dl, tableTy,
          {OFF(wk_table_type, elem_type), OFF(wk_table_type, limits)},
          sizeof(wk_table_type), "wk_table_type"))
    return err;
  return checkLayout(dl, moduleTy,
                     {OFF(wk_module, abi_version),
                      OFF(wk_module, bounds_checks),
                      OFF(wk_module, name),
                      OFF(wk_module, instance_size),
                      OFF(wk_module, num_types),
                      OFF(wk_module, type_sigs),
                      OFF(wk_module, num_imports),
                      OFF(wk_module, imports),
                      OFF(wk_module, num_imported_funcs),
                      OFF(wk_module, num_funcs),
                      OFF(wk_module, funcs),
                      OFF(wk_module, num_imported_tables),
                      OFF(wk_module, num_tables),
                      OFF(wk_module, tables),
                      OFF(wk_module, num_imported_memories),
                      OFF(wk_module, num_memories),
                      OFF(wk_module, memories),
                      OFF(wk_module, num_globals),
                      OFF(wk_module, globals),
                      OFF(wk_module, num_exports),
                      OFF(wk_module, exports),
                      OFF(wk_module, func_imports_offset),
                      OFF(wk_module, funcs_offset),
                      OFF(wk_module, memories_offset),
                      OFF(wk_module, tables_offset),
                      OFF(wk_module, type_ids_offset),
                      OFF(wk_module, type_entries),
                      OFF(wk_module, init),
                      OFF(wk_module, start_func),
                      OFF(wk_module, interrupt_checks),
                      OFF(wk_module, num_imported_tags),
                      OFF(wk_module, num_tags),
                      OFF(wk_module, tag_types),
                      OFF(wk_module, tags_offset),
                      OFF(wk_module, tail_code)},
                     sizeof(wk_module), "wk_module");
}

#undef OFF

Constant *DescriptorBuilder::array(Type *elemTy, ArrayRef<Constant *> elems,
                                   StringRef name) {
  if (elems.empty())
    return null();
  auto *arrTy = ArrayType::get(elemTy, elems.size());
  auto *gv = new GlobalVariable(mg.ir, arrTy, true, GlobalValue::PrivateLinkage,
                                ConstantArray::get(arrTy, elems), name);
  gv->setAlignment(Align(alignof(void *)));
  return gv;
}

Constant *DescriptorBuilder::typeSigs() {
  SmallVector<Constant *, 16> sigs;
  for (uint32_t i = 0; i < mg.wasm.types.size(); ++i)
    sigs.push_back(mg.getString(mg.wasm.canonicalSignature(i)));
  return array(mg.ptrType(), sigs, "type_sigs");
}

Constant *DescriptorBuilder::imports() {
  SmallVector<Constant *, 16> elems;
  for (const Import &imp : mg.wasm.imports) {
    uint32_t typeIndex = 0, valueType = 0, isMutable = 0;
    Limits lim;
    uint32_t limFlags = 0;
    Constant *staticCode = null();
    switch (imp.kind) {
    case ExternKind::Func:
      typeIndex = imp.funcType;
      if (mg.options.staticImports)
        staticCode = cast<Constant>(
            mg.ir
                .getOrInsertFunction(
                    getImportSymbolName(imp.module, imp.field),
                    mg.getFunctionType(mg.wasm.types[imp.funcType]))
                .getCallee());
      break;
    case ExternKind::Table:
      valueType = uint32_t(imp.table.elemType);
      lim = imp.table.limits;
      limFlags = limitsFlags(imp.table);
      break;
    case ExternKind::Memory:
      lim = imp.memory.limits;
      limFlags = limitsFlags(imp.memory);
      break;
    case ExternKind::Global:
      valueType = uint32_t(imp.global.type);
      isMutable = imp.global.isMutable;
      break;
    case ExternKind::Tag:
      typeIndex = imp.tagType;
      break;
    }
    elems.push_back(ConstantStruct::get(
        importTy, {mg.getString(imp.module), mg.getString(imp.field),
                   i32(uint32_t(imp.kind)), i32(typeIndex), i32(valueType),
                   i32(isMutable), limits(lim, limFlags), staticCode}));
  }
  return array(importTy, elems, "imports");
}

Constant *DescriptorBuilder::funcs(ArrayRef<Function *> thunks) {
  SmallVector<Constant *, 16> elems;
  const wasmkiln::Module &wasm = mg.wasm;
  for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i) {
    // The code of a function that is only ever called directly stays out
    // of the descriptor, so that its address is not taken: LLVM may then
    // change its calling convention (Codegen.cpp, pinInstanceRegister) and
    // drop arguments it does not use.
    Constant *code =
        wasm.isReferenced(i)
            ? cast<Constant>(mg.getCEntry(i))
            : ConstantPointerNull::get(cast<PointerType>(mg.ptrType()));
    elems.push_back(ConstantStruct::get(
        funcTy, {code, thunks[wasm.funcs[i]], i32(wasm.funcs[i]),
                 mg.getString(mg.displayNames[i])}));
  }
  return array(funcTy, elems, "funcs");
}

Constant *DescriptorBuilder::tables() {
  SmallVector<Constant *, 4> elems;
  const wasmkiln::Module &wasm = mg.wasm;
  for (size_t i = wasm.numImportedTables; i < wasm.tables.size(); ++i)
    elems.push_back(ConstantStruct::get(
        tableTy, {i32(uint32_t(wasm.tables[i].elemType)),
                  limits(wasm.tables[i].limits, limitsFlags(wasm.tables[i]))}));
  return array(tableTy, elems, "tables");
}

Constant *DescriptorBuilder::memories() {
  SmallVector<Constant *, 2> elems;
  const wasmkiln::Module &wasm = mg.wasm;
  for (size_t i = wasm.numImportedMemories; i < wasm.memories.size(); ++i)
    elems.push_back(
        limits(wasm.memories[i].limits, limitsFlags(wasm.memories[i])));
  return array(limitsTy, elems, "memories");
}

Constant *DescriptorBuilder::globals() {
  SmallVector<Constant *, 16> elems;
  const wasmkiln::Module &wasm = mg.wasm;
  for (size_t i = 0; i < wasm.globals.size(); ++i)
    elems.push_back(ConstantStruct::get(
        globalTy,
        {i32(uint32_t(wasm.globals[i].type)), i32(wasm.globals[i].isMutable),
         i32(i < wasm.numImportedGlobals), i32(mg.layout.globals[i])}));
  return array(globalTy, elems, "globals");
}

Constant *DescriptorBuilder::exports() {
  SmallVector<Constant *, 16> elems;
  for (const Export &exp : mg.wasm.exports)
    elems.push_back(ConstantStruct::get(
        exportTy, {mg.getString(exp.name), i32(uint32_t(exp.kind)),
                   i32(exp.index), i32(uint32_t(exp.name.size()))}));
  return array(exportTy, elems, "exports");
}

Constant *DescriptorBuilder::tagTypes() {
  SmallVector<Constant *, 4> elems;
  const wasmkiln::Module &wasm = mg.wasm;
  for (size_t i = wasm.numImportedTags; i < wasm.tags.size(); ++i)
    elems.push_back(i32(wasm.tags[i]));
  return array(Type::getInt32Ty(mg.ctx), elems, "tag_types");
}

Constant *DescriptorBuilder::build(ArrayRef<Function *> thunks,
                                   Function *init) {
  const wasmkiln::Module &wasm = mg.wasm;
  const InstanceLayout &l = mg.layout;
  SmallVector<Constant *, 16> entries;
  for (Function *thunk : thunks)
    entries.push_back(thunk ? cast<Constant>(thunk) : null());
  Constant *typeEntries = array(mg.ptrType(), entries, "type_entries");
  int32_t start = wasm.start ? int32_t(*wasm.start) : -1;
  Constant *fields[] = {
      i32(WK_ABI_VERSION),
      i32(mg.options.boundsChecks == BoundsChecks::Explicit ? 1 : 0),
      mg.getString(mg.options.moduleName),
      i32(l.size),
      i32(wasm.types.size()),
      typeSigs(),
      i32(wasm.imports.size()),
      imports(),
      i32(wasm.numImportedFuncs),
      i32(wasm.funcs.size() - wasm.numImportedFuncs),
      funcs(thunks),
      i32(wasm.numImportedTables),
      i32(wasm.tables.size()),
      tables(),
      i32(wasm.numImportedMemories),
      i32(wasm.memories.size()),
      memories(),
      i32(wasm.globals.size()),
      globals(),
      i32(wasm.exports.size()),
      exports(),
      i32(l.funcImports),
      i32(l.funcs),
      i32(l.memories),
      i32(l.tables),
      i32(l.typeIds),
      typeEntries,
      init,
      i32(uint32_t(start)),
      i32(uint32_t(mg.options.interruptChecks)),
      i32(wasm.numImportedTags),
      i32(wasm.tags.size()),
      tagTypes(),
      i32(l.tags),
      // Another instance's tail call reaches this module's functions
      // through it (IRGenTailCall.cpp, tailCallForeign).
      mg.tailCalls ? mg.getTailEntries() : null(),
  };
  return ConstantStruct::get(moduleTy, fields);
}

Error wasmkiln::createDescriptor(ModuleGen &mg, ArrayRef<Function *> thunks,
                                 Function *init) {
  DescriptorBuilder builder(mg);
  if (Error err = builder.checkLayouts())
    return err;
  Constant *desc = builder.build(thunks, init);
  auto *gv = new GlobalVariable(mg.ir, desc->getType(), true,
                                GlobalValue::ExternalLinkage, desc,
                                getDescriptorSymbolName(mg.options.moduleName));
  gv->setAlignment(Align(alignof(wk_module)));
  return Error::success();
}
